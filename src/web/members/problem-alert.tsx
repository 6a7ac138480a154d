// A form's or a step's error above its buttons, worded by useProblemMessage.
import { Alert } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import { useProblemMessage } from "./use-problem.ts";

export function ProblemAlert({ error }: { error: unknown }) {
  const problem = useProblemMessage();
  if (!error) return null;
  return (
    <Alert variant="light" color="red" icon={<IconAlertCircle aria-hidden />} role="alert">
      {problem(error)}
    </Alert>
  );
}
