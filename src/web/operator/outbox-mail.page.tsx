// /operator/outbox/:mailId — one mail: headers, the plain text, and the HTML in a sandboxed frame
// (no scripts, no same-origin access) so a mail can never act inside the app.
import { Anchor, Box, Code, Group, Paper, SimpleGrid, Stack, Tabs, Text } from "@mantine/core";
import { IconArrowLeft } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import { id as idSchema } from "../../shared/contract/common.ts";
import { mail } from "../../shared/contract/index.ts";
import type { OutboxMail } from "../../shared/contract/mail.ts";
import { isApiError } from "../platform/api.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { apiQuery } from "../platform/query.ts";
import { PageHeader } from "../platform/ui/page-header.tsx";
import { ErrorState, LoadingState, NotFoundState } from "../platform/ui/page-states.tsx";
import { MailStatusBadge } from "./mail-status-badge.tsx";
import { OperatorOnly } from "./operator-only.tsx";

export function OutboxMailPage() {
  return (
    <OperatorOnly>
      <MailView />
    </OperatorOnly>
  );
}

function MailView() {
  const { mailId = "" } = useParams();
  const t = useT();
  const validId = idSchema.safeParse(mailId).success;
  const query = useQuery({ ...apiQuery(mail.getOutboxMail, { params: { mailId } }), enabled: validId });
  usePageTitle(query.data?.subject ?? t("outbox.mailTitle"));

  if (!validId || isApiError(query.error, "not_found"))
    return <NotFoundState title={t("outbox.notFoundTitle")} description={t("outbox.notFoundBody")} />;
  if (query.isPending) return <LoadingState lines={10} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <MailDetails item={query.data} />;
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={600} component="dt">
        {label}
      </Text>
      <Box component="dd" m={0} style={{ overflowWrap: "anywhere" }}>
        {children}
      </Box>
    </Stack>
  );
}

function MailDetails({ item }: { item: OutboxMail }) {
  const t = useT();
  const format = useFormat();
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/operator/outbox" size="sm">
        <IconArrowLeft size={14} aria-hidden style={{ verticalAlign: "-2px", marginInlineEnd: 4 }} />
        {t("outbox.title")}
      </Anchor>
      <PageHeader title={item.subject} />
      <Paper withBorder p="lg">
        <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="md" m={0}>
          <Field label={t("outbox.to")}>{item.to}</Field>
          <Field label={t("outbox.time")}>{format.dateTime(item.createdAt)}</Field>
          <Field label={t("outbox.kind")}>
            <Code>{item.kind}</Code>
          </Field>
          <Field label={t("outbox.status")}>
            <Group>
              <MailStatusBadge status={item.status} />
            </Group>
          </Field>
        </SimpleGrid>
      </Paper>
      <Tabs defaultValue={item.html.trim() ? "html" : "text"}>
        <Tabs.List>
          <Tabs.Tab value="html">{t("outbox.html")}</Tabs.Tab>
          <Tabs.Tab value="text">{t("outbox.text")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="html" pt="md">
          <Paper withBorder p={0} style={{ overflow: "hidden" }}>
            <iframe
              sandbox=""
              srcDoc={item.html}
              title={t("outbox.htmlFrame", { subject: item.subject })}
              style={{ width: "100%", height: "70vh", minHeight: 360, border: 0, display: "block", background: "#fff" }}
            />
          </Paper>
        </Tabs.Panel>
        <Tabs.Panel value="text" pt="md">
          <Paper withBorder p="lg">
            <Text component="pre" m={0} ff="monospace" size="sm" className="tsunagu-prose">
              {item.text}
            </Text>
          </Paper>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
