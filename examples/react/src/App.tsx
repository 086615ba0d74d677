import { useState } from 'react';
import '@pulse/widget/react';
import type { PulseNudgeCloseEvent } from '@pulse/widget';
import { pulse } from './pulse.ts';

interface ProjectCreated {
  template: 'kanban' | 'list';
}

/** Tasklane's home page: a button that creates a project, and Pulse's onboarding UI. */
export function App() {
  const [projects, setProjects] = useState(0);
  const [showPulse, setShowPulse] = useState(true);
  const [closed, setClosed] = useState('');

  function createProject() {
    const props: ProjectCreated = { template: 'kanban' };
    pulse.track('Project Created', props); // in the handler, never in an effect
    setProjects((n) => n + 1);
  }

  return (
    <main>
      <h1>Tasklane</h1>
      {showPulse && (
        <pulse-nudge
          placement="banner"
          snoozeHours={24}
          onpulse-nudge-close={(e: PulseNudgeCloseEvent) => setClosed(e.detail.action)}
        />
      )}
      <p>
        <button onClick={createProject}>Create project</button> <span>{projects} projects</span>
      </p>
      <button onClick={() => setShowPulse((s) => !s)}>{showPulse ? 'Hide onboarding' : 'Show onboarding'}</button>
      {closed && <p>Tip closed: {closed}</p>}
      {showPulse && <pulse-checklist />}
      <pulse-widget position="bottom-end" theme="light" />
    </main>
  );
}
