import type { ReactNode } from 'react';

/** A checkbox with its label beside it (the label names it for screen readers and tests). */
export function CheckField({
  label,
  checked,
  onChange,
  disabled,
  title,
  className = 'inline-field',
  children,
}: {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  disabled?: boolean;
  title?: string;
  className?: string;
  /** Shown after the label, inside it. */
  children?: ReactNode;
}) {
  return (
    <label className={className} title={title}>
      <input
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
      />
      {label}
      {children}
    </label>
  );
}
