import type { Ref } from 'react';

/**
 * The page's own file picker, hidden: a button clicks it (through `ref`)
 * and `onFile` gets the file chosen. It forgets the choice at once, so the
 * same file chosen again is heard again.
 */
export function HiddenFileInput({
  ref,
  accept,
  label,
  onFile,
}: {
  ref: Ref<HTMLInputElement>;
  /** Which files it offers, as the input's `accept` says it. */
  accept?: string;
  label?: string;
  onFile(file: File | undefined): void;
}) {
  return (
    <input
      ref={ref}
      type="file"
      accept={accept}
      hidden
      aria-label={label}
      onChange={(e) => {
        onFile(e.target.files?.[0]);
        e.target.value = '';
      }}
    />
  );
}
