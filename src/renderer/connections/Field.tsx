import { useId, type InputHTMLAttributes, type ReactNode } from 'react';
import type { MessageRef } from '../../shared/messages/catalogue';
import { sayProblem } from '../i18n/describe';
import { useT } from '../i18n/i18n';

/** A labelled form field with its error beside it, tied by aria-describedby. */
export function Field({
  label,
  error = null,
  children,
}: {
  label: string;
  /** The window's own words, or a message (said in the current language). */
  error?: string | MessageRef | null;
  children: (id: string, describedBy: string | undefined) => ReactNode;
}) {
  useT();
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id, error ? errorId : undefined)}
      {error && (
        <span id={errorId} className="field-error">
          {sayProblem(error)}
        </span>
      )}
    </div>
  );
}

/**
 * A labelled text box with its error beside it. The box is marked invalid
 * while there is an error, or as `invalid` says when the error is held back
 * (not shown before the person has typed).
 */
export function TextField({
  label,
  error = null,
  invalid = Boolean(error),
  value,
  onChange,
  ...input
}: {
  label: string;
  error?: string | MessageRef | null;
  invalid?: boolean;
  value: string;
  onChange(value: string): void;
} & Pick<
  InputHTMLAttributes<HTMLInputElement>,
  'inputMode' | 'placeholder' | 'spellCheck' | 'disabled' | 'autoComplete'
>) {
  return (
    <Field label={label} error={error}>
      {(id, describedBy) => (
        <input
          id={id}
          value={value}
          {...input}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={invalid}
          aria-describedby={describedBy}
        />
      )}
    </Field>
  );
}
