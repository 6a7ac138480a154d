// What every way into a network shows first: the network (logo, name) as the page's heading, its
// purpose, eligibility and code of conduct to read, and the box to tick that says so.
import { Alert, Button, Checkbox, Group, Paper, ScrollArea, Stack, Text, Title } from "@mantine/core";
import { IconCircleCheck } from "@tabler/icons-react";
import type { CheckboxProps } from "@mantine/core";
import { useEffect, useId, useRef, useState } from "react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { PublicNetwork } from "../../shared/contract/membership.ts";
import { NetworkAvatar } from "../networks/network-avatar.tsx";
import { useT } from "../platform/i18n/i18n.context.tsx";

/** The network's logo and name above the page's one <h1>. */
export function JoinHeader({
  network,
  title,
  lead,
}: {
  network: Pick<PublicNetwork, "name" | "logoUrl">;
  title: string;
  lead?: ReactNode;
}) {
  return (
    <Stack gap="xs">
      <Group gap="sm" wrap="nowrap">
        <NetworkAvatar name={network.name} logoUrl={network.logoUrl} size={48} />
        <Text fw={700} size="lg" style={{ overflowWrap: "anywhere" }}>
          {network.name}
        </Text>
      </Group>
      <Title order={1} size="h2">
        {title}
      </Title>
      {lead}
    </Stack>
  );
}

/**
 * One member-written text in a box of bounded height: line breaks kept, long texts scroll. A box
 * that scrolls can take keyboard focus (arrow keys scroll it), one that does not stays out of the
 * tab order.
 */
function TermsText({ title, text }: { title: string; text: string }) {
  const t = useT();
  const headingId = useId();
  const viewportRef = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);

  useEffect(() => {
    const viewport = viewportRef.current;
    if (!viewport || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => setScrolls(viewport.scrollHeight > viewport.clientHeight + 1));
    observer.observe(viewport);
    if (viewport.firstElementChild) observer.observe(viewport.firstElementChild);
    return () => observer.disconnect();
  }, []);

  return (
    // Not a <section>: the scrolling box is the region named by the heading (one landmark, not two).
    <Stack gap={6}>
      <Title order={3} size="h5" id={headingId}>
        {title}
      </Title>
      {text.trim() ? (
        <Paper withBorder radius="md" bg="var(--mantine-color-gray-0)">
          <ScrollArea.Autosize
            mah={224}
            type="auto"
            offsetScrollbars="present"
            viewportRef={viewportRef}
            viewportProps={scrolls ? { tabIndex: 0, role: "region", "aria-labelledby": headingId } : {}}
          >
            <Text className="tsunagu-prose" size="sm" p="sm">
              {text}
            </Text>
          </ScrollArea.Autosize>
        </Paper>
      ) : (
        <Text c="dimmed" size="sm">
          {t("network.notWritten")}
        </Text>
      )}
    </Stack>
  );
}

/** Purpose, eligibility and code of conduct, under one <h2>. */
export function NetworkTerms({ network }: { network: Pick<PublicNetwork, "purpose" | "eligibility" | "codeOfConduct"> }) {
  const t = useT();
  const headingId = useId();
  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId}>
      <Stack gap={2}>
        <Title order={2} size="h4" id={headingId}>
          {t("join.terms.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("join.terms.lead")}
        </Text>
      </Stack>
      <TermsText title={t("join.terms.purpose")} text={network.purpose} />
      <TermsText title={t("join.terms.eligibility")} text={network.eligibility} />
      <TermsText title={t("join.terms.codeOfConduct")} text={network.codeOfConduct} />
    </Stack>
  );
}

/** The required "I have read and accept" box; pass the form's checkbox input props. */
export function AcceptTermsCheckbox(props: Omit<CheckboxProps, "label" | "required">) {
  const t = useT();
  return <Checkbox label={t("join.accept")} required {...props} />;
}

/** Shown instead of a join form to someone who is in already. */
export function AlreadyMember({ network }: { network: Pick<PublicNetwork, "slug" | "name"> }) {
  const t = useT();
  return (
    <Stack gap="md">
      <Alert variant="light" color="green" icon={<IconCircleCheck aria-hidden />} title={t("join.alreadyMemberTitle")} role="status">
        {t("join.alreadyMember", { network: network.name })}
      </Alert>
      <Button component={Link} to={`/n/${network.slug}`}>
        {t("join.openNetwork")}
      </Button>
    </Stack>
  );
}
