import '@pulse/widget/react';
import type { PulseNudgeCloseEvent } from '@pulse/widget';
import { pulse } from './pulse.ts'; // the module above

export function Onboarding() {
  return (
    <>
      <pulse-nudge
        placement="banner"
        snoozeHours={24}
        onpulse-nudge-close={(e: PulseNudgeCloseEvent) => console.log(e.detail.action)}
      />
      <button onClick={() => pulse.track('Project Created', { template: 'kanban' })}>Create project</button>
      <pulse-checklist />
      <pulse-widget position="bottom-end" theme="light" />
    </>
  );
}
