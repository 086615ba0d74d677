const FIRST = [
  'Ana',
  'Ben',
  'Chloé',
  'Dmitri',
  'Emeka',
  'Fatima',
  'Gabriel',
  'Hana',
  'Ibrahim',
  'Julia',
  'Kenji',
  'Lena',
  'Mateo',
  'Nadia',
  'Oskar',
  'Priya',
  'Quentin',
  'Rosa',
  'Samir',
  'Tomás',
  'Uma',
  'Viktor',
  'Wen',
  'Yara',
  'Zoe',
];
const LAST = [
  'Lima',
  'Okafor',
  'Schmidt',
  'Nakamura',
  'Haddad',
  'Kowalski',
  'Martin',
  'Singh',
  'Rossi',
  'Andersson',
  'García',
  'Dubois',
  'Chen',
  'Moreau',
  'Novak',
  'Silva',
  'Park',
  'Jensen',
  'Costa',
  'Ivanova',
];
const COMPANY_WORDS = ['North', 'Bright', 'Blue', 'Maple', 'Orbit', 'Pixel', 'Harbor', 'Summit', 'Atlas', 'Nimble'];
const COMPANY_KINDS = ['Labs', 'Studio', 'Works', 'Health', 'Logistics', 'Media', 'Systems', 'Foods', 'Partners'];

/**
 * A plausible person and company for a synthetic user. People share companies, so
 * group (account) scores have several members.
 *
 * @example
 * const p = person(rng, 17); // { name: 'Ana Lima', email: 'ana.lima17@northlabs.example', company: {...} }
 */
export function person(rng, index) {
  const first = rng.pick(FIRST);
  const last = rng.pick(LAST);
  const companyIndex = rng.int(0, COMPANY_WORDS.length * COMPANY_KINDS.length - 1);
  const companyName = `${COMPANY_WORDS[companyIndex % COMPANY_WORDS.length]} ${
    COMPANY_KINDS[Math.floor(companyIndex / COMPANY_WORDS.length)]
  }`;
  const domain = `${companyName.toLowerCase().replace(/\s+/g, '')}.example`;
  const local = `${first}.${last}${index}`
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z0-9.]/g, '');
  return {
    name: `${first} ${last}`,
    email: `${local}@${domain}`,
    company: { id: `grp_${companyIndex.toString().padStart(3, '0')}`, name: companyName },
  };
}
