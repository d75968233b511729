import { useId, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';
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
  'inputMode' | 'placeholder' | 'spellCheck' | 'disabled' | 'autoComplete' | 'type'
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

/**
 * A box for a whole number (a port, a size, a count, milliseconds): a text
 * box, so what is typed stays as typed until it is checked, that asks a
 * touch screen for its number pad.
 */
export function NumberField(props: Omit<Parameters<typeof TextField>[0], 'inputMode'>) {
  return <TextField {...props} inputMode="numeric" />;
}

/** A label beside its control, tied by id: the label alone is the control's name. */
export function InlineField({
  label,
  hint,
  className,
  children,
}: {
  label: string;
  /** Shown when the pointer rests on the field. */
  hint?: string;
  /** A class of its own beside inline-field (how wide it grows). */
  className?: string;
  children: (id: string) => ReactNode;
}) {
  const id = useId();
  return (
    <span className={className ? `inline-field ${className}` : 'inline-field'} title={hint}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </span>
  );
}

/** A box with its label beside it (InlineField); every other prop is the input's own. */
export function InlineInput({
  label,
  hint,
  fieldClassName,
  ...input
}: {
  label: string;
  hint?: string;
  /** A class for the field around the box (how wide it grows). */
  fieldClassName?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>) {
  return (
    <InlineField label={label} hint={hint} className={fieldClassName}>
      {(id) => <input id={id} {...input} />}
    </InlineField>
  );
}

interface ChoiceProps<V extends string | number> {
  value: V;
  choices: readonly V[];
  /** What the list shows for each choice. */
  say: (choice: V) => string;
  /** Gets the chosen value itself (a number stays a number). */
  onChange: (choice: V) => void;
  disabled?: boolean;
  /** The id of words elsewhere that explain the choice. */
  describedBy?: string;
  ref?: Ref<HTMLSelectElement>;
}

/**
 * A list of choices with no label beside it: `label` is its name (said by a
 * screen reader, found by tests), where what stands around it says enough.
 */
export function Choices<V extends string | number>({
  label,
  id,
  value,
  choices,
  say,
  onChange,
  disabled,
  describedBy,
  ref,
}: ChoiceProps<V> & { label?: string; id?: string }) {
  return (
    <select
      id={id}
      ref={ref}
      aria-label={label}
      value={value}
      disabled={disabled}
      aria-describedby={describedBy}
      onChange={(e) => {
        const chosen = choices[e.target.selectedIndex];
        if (chosen !== undefined) onChange(chosen);
      }}
    >
      {choices.map((choice) => (
        <option key={choice} value={choice}>
          {say(choice)}
        </option>
      ))}
    </select>
  );
}

/** A labelled list of choices: above its label as a form field, or `inline` beside it. */
export function SelectField<V extends string | number>({
  label,
  inline = false,
  hint,
  ...choices
}: ChoiceProps<V> & {
  label: string;
  inline?: boolean;
  /** Shown when the pointer rests on the field (inline). */
  hint?: string;
}) {
  const select = (id: string) => <Choices id={id} {...choices} />;
  return inline ? (
    <InlineField label={label} hint={hint}>
      {select}
    </InlineField>
  ) : (
    <Field label={label}>{select}</Field>
  );
}

/** Whether typed text is a whole number from min to max (spaces around it allowed). */
export function isWholeIn(text: string, min: number, max: number): boolean {
  const n = Number(text);
  return /^\d+$/.test(text.trim()) && n >= min && n <= max;
}
