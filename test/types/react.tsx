// The elements in React 19 JSX with `@pulse/widget/react`. Each `@ts-expect-error`
// proves a prop is typed: without it the line would compile.
import { useRef } from 'react';
import { createTracker, type Tracker } from '@pulse/tracker';
import type { PulseNudge, PulseNudgeCloseEvent } from '@pulse/widget';
import '@pulse/widget/react';

const pulse: Tracker = createTracker({ writeKey: 'pk_test' });

export function Onboarding() {
  const ref = useRef<PulseNudge>(null);
  return (
    <div>
      <pulse-nudge
        ref={ref}
        placement="banner"
        snoozeHours={24}
        tracker={pulse}
        onpulse-nudge-close={(e: PulseNudgeCloseEvent) => e.detail.action}
      />
      <pulse-checklist tracker={pulse} strings={{ checklistTitle: 'Erste Schritte' }} className="card" />
      <pulse-widget position="bottom-start" theme="dark" open={false} score="churnRisk" />
      <pulse-nudge placement="banner" score="churnRisk" />
      {/* @ts-expect-error a score is named by its id, a string */}
      <pulse-widget score={3} />
      {/* @ts-expect-error not a placement */}
      <pulse-nudge placement="sidebar" />
      {/* @ts-expect-error hours are a number */}
      <pulse-nudge snoozeHours="24" />
      {/* @ts-expect-error the close event is not a mouse event */}
      <pulse-nudge onpulse-nudge-close={(e: MouseEvent) => e.clientX} />
      {/* @ts-expect-error strings are checked */}
      <pulse-checklist strings={{ checklistTitle: 3 }} />
    </div>
  );
}
