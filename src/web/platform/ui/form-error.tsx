// The error a form shows above its submit button when the problem is not one field's.
import { Alert } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import { useErrorMessage } from "../hooks/use-error-message.ts";

export function FormError({ error }: { error: unknown }) {
  const message = useErrorMessage();
  if (!error) return null;
  return (
    <Alert variant="light" color="red" icon={<IconAlertCircle aria-hidden />} role="alert">
      {message(error)}
    </Alert>
  );
}
