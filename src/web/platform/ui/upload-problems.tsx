// What is wrong with an image being uploaded: too large (found before sending it), or what the
// server says of the file itself (not an image, …) in the UI language; any other failure as a
// form error.
import { Text } from "@mantine/core";
import { isApiError } from "../api.ts";
import { FormError } from "./form-error.tsx";

export function UploadProblems({ tooLarge, error }: { tooLarge: string | null; error: unknown }) {
  const fileError = isApiError(error) ? error.fields.file : undefined;
  return (
    <>
      {tooLarge && (
        <Text size="sm" c="red.8" role="alert">
          {tooLarge}
        </Text>
      )}
      {fileError ? (
        <Text size="sm" c="red.8" role="alert">
          {fileError}
        </Text>
      ) : (
        <FormError error={error} />
      )}
    </>
  );
}
