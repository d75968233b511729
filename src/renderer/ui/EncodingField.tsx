import {
  TEXT_ENCODINGS,
  TEXT_ENCODING_NAMES,
  type TextEncodingName,
} from '../../shared/payload/encodings';
import { SelectField } from './Field';

/** The editor's text encodings, by the names people know them by (the payload's, a text view's). */
export function EncodingField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: TextEncodingName;
  onChange: (encoding: TextEncodingName) => void;
}) {
  return (
    <SelectField
      inline
      label={label}
      value={value}
      choices={TEXT_ENCODING_NAMES}
      say={(name) => TEXT_ENCODINGS.find((enc) => enc.name === name)?.label ?? name}
      onChange={onChange}
    />
  );
}
