// A year (1900–2100) typed on a phone's number pad: no spinner, no thousands separator, nothing
// clamped while typing (the form says what is wrong instead of changing what was typed).
// YearInput is for the profile forms, which hold a number; YearTextInput for fields that keep the
// text as typed (the directory's and member management's filters, the admins' HR data).
import { NumberInput, TextInput } from "@mantine/core";
import type { NumberInputProps, TextInputProps } from "@mantine/core";

export function YearInput(props: NumberInputProps) {
  return (
    <NumberInput
      min={1900}
      max={2100}
      allowDecimal={false}
      allowNegative={false}
      thousandSeparator={false}
      hideControls
      inputMode="numeric"
      clampBehavior="none"
      {...props}
    />
  );
}

/** Full-width digits (２０１５, typed with a Japanese IME) count as digits; anything else is dropped. */
const digitsOnly = (text: string) => text.normalize("NFKC").replace(/\D/g, "").slice(0, 4);

/** `onChange` gets the digits typed, at most four. */
export function YearTextInput({ onChange, ...props }: Omit<TextInputProps, "onChange"> & { onChange: (digits: string) => void }) {
  return (
    <TextInput
      inputMode="numeric"
      autoComplete="off"
      maxLength={4}
      {...props}
      onChange={(event) => onChange(digitsOnly(event.currentTarget.value))}
    />
  );
}
