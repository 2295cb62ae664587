/** A target in minutes, typed as minutes, hours or days (days only around the clock). */
import { useState } from 'react';

const UNITS = [
  { key: 'min', label: 'minutes', factor: 1 },
  { key: 'h', label: 'hours', factor: 60 },
  { key: 'd', label: 'days', factor: 1440 },
] as const;
type Unit = (typeof UNITS)[number]['key'];

function unitFor(minutes: number | undefined, allowDays: boolean): Unit {
  if (!minutes) return 'h';
  if (allowDays && minutes % 1440 === 0) return 'd';
  return minutes % 60 === 0 ? 'h' : 'min';
}

export function DurationField(props: {
  label: string;
  minutes: number | undefined;
  onChange(minutes: number | undefined): void;
  /** Around the clock a day is 24 hours; with business hours days are not offered. */
  allowDays: boolean;
  /** Shown greyed when the field is empty (an override falling back to the policy). */
  placeholderMinutes?: number;
  testId?: string;
}) {
  const [unit, setUnit] = useState<Unit>(() => unitFor(props.minutes ?? props.placeholderMinutes, props.allowDays));
  const shownUnit = unit === 'd' && !props.allowDays ? 'h' : unit;
  const factor = UNITS.find((u) => u.key === shownUnit)!.factor;
  const value = props.minutes === undefined ? '' : String(Math.round((props.minutes / factor) * 100) / 100);
  const placeholder = props.placeholderMinutes === undefined ? undefined : String(Math.round((props.placeholderMinutes / factor) * 100) / 100);
  return (
    <span className="duration">
      <input
        type="number"
        min={0}
        step="any"
        aria-label={props.label}
        value={value}
        placeholder={placeholder}
        data-testid={props.testId}
        onChange={(e) => {
          const raw = e.target.value.trim();
          if (raw === '') props.onChange(props.placeholderMinutes === undefined ? Number.NaN : undefined);
          else props.onChange(Math.round(Number(raw) * factor));
        }}
      />
      <select aria-label={`${props.label} unit`} value={shownUnit} onChange={(e) => setUnit(e.target.value as Unit)}>
        {UNITS.filter((u) => u.key !== 'd' || props.allowDays).map((u) => (
          <option key={u.key} value={u.key}>
            {u.label}
          </option>
        ))}
      </select>
    </span>
  );
}
