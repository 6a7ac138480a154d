// Loading, empty, error and not-found states shared by every page, so they look and read the same.
import { Alert, Button, EmptyState, Group, Skeleton, Stack } from "@mantine/core";
import { IconAlertTriangle, IconMoodEmpty, IconRefresh, IconSearchOff } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { isApiError } from "../api.ts";
import { useErrorMessage } from "../hooks/use-error-message.ts";
import { useT } from "../i18n/i18n.context.tsx";

/** Skeleton lines while a page's data arrives; announced once to screen readers. */
export function LoadingState({ lines = 4, label }: { lines?: number; label?: string }) {
  const t = useT();
  return (
    <Stack gap="sm" role="status" aria-live="polite" aria-label={label ?? t("common.loading")}>
      <Skeleton height={28} width="45%" radius="sm" />
      {Array.from({ length: lines }, (_, index) => (
        <Skeleton key={index} height={14} width={index % 3 === 2 ? "70%" : "100%"} radius="sm" />
      ))}
    </Stack>
  );
}

export function ErrorState({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const t = useT();
  const message = useErrorMessage();
  return (
    <Alert variant="light" color="red" title={title ?? t("common.errorTitle")} icon={<IconAlertTriangle aria-hidden />} role="alert">
      <Stack gap="sm" align="flex-start">
        <span>{message(error)}</span>
        {onRetry && (
          <Button variant="default" size="sm" leftSection={<IconRefresh size={16} aria-hidden />} onClick={onRetry}>
            {t("common.retry")}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

export function EmptyView({
  title,
  description,
  icon,
  children,
  headingOrder = 2,
}: {
  title: string;
  description?: ReactNode;
  icon?: ReactNode;
  children?: ReactNode;
  headingOrder?: 1 | 2 | 3;
}) {
  return (
    <EmptyState
      py="xl"
      variant="light"
      icon={icon ?? <IconMoodEmpty aria-hidden />}
      title={<EmptyState.Title order={headingOrder}>{title}</EmptyState.Title>}
      description={description}
    >
      {children && (
        <EmptyState.Actions>
          <Group justify="center">{children}</Group>
        </EmptyState.Actions>
      )}
    </EmptyState>
  );
}

export function NotFoundState({ title, description, headingOrder = 1 }: { title?: string; description?: string; headingOrder?: 1 | 2 }) {
  const t = useT();
  return (
    <EmptyState
      py="xl"
      variant="light"
      icon={<IconSearchOff aria-hidden />}
      title={<EmptyState.Title order={headingOrder}>{title ?? t("notFound.title")}</EmptyState.Title>}
      description={description ?? t("notFound.description")}
    >
      <EmptyState.Actions>
        <Button component={Link} to="/" variant="light">
          {t("notFound.home")}
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}

/**
 * A page's read that failed: "not found" when the thing is missing — an unknown id, or one the
 * path's validation refused (for the visitor the same) — else the error with a retry.
 */
export function FailedReadState({
  error,
  onRetry,
  notFoundTitle,
  notFoundBody,
}: {
  error: unknown;
  onRetry: () => void;
  notFoundTitle: string;
  notFoundBody: string;
}) {
  if (isApiError(error, "not_found") || isApiError(error, "validation_failed"))
    return <NotFoundState title={notFoundTitle} description={notFoundBody} />;
  return <ErrorState error={error} onRetry={onRetry} />;
}
