// The header's word on the sound (issue 12.3): on, muted until the next alert, or blocked by the
// browser; nothing when the wall is silent (?sound off). Pressing it mutes, unmutes or allows.
import type { WallText } from './text';
import type { AlertSound } from './hooks';

function SpeakerIcon({ crossed }: { crossed: boolean }) {
  return (
    <svg viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true">
      <path d="M3 9h4l5-4v14l-5-4H3z" fill="currentColor" />
      {crossed ? (
        <path
          d="M16 9l6 6M22 9l-6 6"
          stroke="currentColor"
          strokeWidth="2.2"
          strokeLinecap="round"
        />
      ) : (
        <path
          d="M15.5 8.5a5 5 0 0 1 0 7M18.5 5.5a9 9 0 0 1 0 13"
          stroke="currentColor"
          strokeWidth="2"
          fill="none"
          strokeLinecap="round"
        />
      )}
    </svg>
  );
}

export function SoundIndicator({
  sound,
  text,
  sounding,
}: {
  sound: AlertSound;
  text: WallText;
  /** Some active alert is not acknowledged (issue 13 §5): what the beeps are about. */
  sounding: boolean;
}) {
  if (sound.state === 'off') return null;
  const { wall } = text;
  return (
    <button
      type="button"
      className={`wall-sound is-${sound.state}`}
      data-testid="wall-sound"
      data-state={sound.state}
      data-beeps={sound.beeps}
      data-sounding={sounding ? 'yes' : 'no'}
      title={wall(`sound.${sound.state}Title`)}
      aria-pressed={sound.state === 'muted'}
      onClick={sound.toggle}
    >
      <SpeakerIcon crossed={sound.state !== 'on'} />
      <span>{wall(`sound.${sound.state}`)}</span>
    </button>
  );
}
