// On a network's home: the welcome after joining (?welcome=1, said once), and the first-steps
// checklist (はじめの一歩) until every step is done or the member closes it (remembered per network
// in this browser).
import { Alert, Anchor, CloseButton, Group, Paper, Progress, Stack, Text, Title } from "@mantine/core";
import { useLocalStorage } from "@mantine/hooks";
import { IconCircleCheckFilled, IconCircleDashed, IconConfetti } from "@tabler/icons-react";
import { useEffect, useId, useState } from "react";
import { Link, useSearchParams } from "react-router";
import type { NetworkHome } from "../../shared/contract/networks.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import type { MessageKey } from "../platform/i18n/ja.ts";

type StepKey = NetworkHome["firstSteps"][number]["key"];

const stepTexts: Record<StepKey, { title: MessageKey; body: MessageKey; action: MessageKey }> = {
  accept_terms: {
    title: "join.firstSteps.acceptTerms",
    body: "join.firstSteps.acceptTermsBody",
    action: "join.firstSteps.acceptTermsAction",
  },
  verify_email: {
    title: "join.firstSteps.verifyEmail",
    body: "join.firstSteps.verifyEmailBody",
    action: "join.firstSteps.verifyEmailAction",
  },
  invite_members: {
    title: "join.firstSteps.inviteMembers",
    body: "join.firstSteps.inviteMembersBody",
    action: "join.firstSteps.inviteMembersAction",
  },
};

function stepLink(key: StepKey, slug: string): string {
  switch (key) {
    case "accept_terms":
      return `/n/${slug}/about`;
    case "verify_email":
      return "/account";
    case "invite_members":
      return `/n/${slug}/manage/invitations`;
  }
}

function useStepsDismissed(networkId: string) {
  return useLocalStorage<boolean>({
    key: `tsunagu.firstSteps.dismissed.${networkId}`,
    defaultValue: false,
    getInitialValueInEffect: false,
  });
}

/** Whether the checklist is still shown (so the welcome can point to it). */
export function useFirstStepsVisible(home: NetworkHome | undefined): boolean {
  const [dismissed] = useStepsDismissed(home?.network.id ?? "none");
  if (!home || dismissed) return false;
  return home.firstSteps.some((step) => !step.done);
}

export function FirstSteps({ home }: { home: NetworkHome }) {
  const t = useT();
  const headingId = useId();
  const { network, firstSteps } = home;
  const [dismissed, setDismissed] = useStepsDismissed(network.id);
  const done = firstSteps.filter((step) => step.done).length;
  if (dismissed || firstSteps.length === 0 || done === firstSteps.length) return null;

  return (
    <Paper withBorder p={{ base: "md", sm: "lg" }} component="section" aria-labelledby={headingId}>
      <Stack gap="md">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={2}>
            <Title order={2} size="h3" id={headingId}>
              {t("join.firstSteps.title")}
            </Title>
            <Text size="sm" c="dimmed">
              {t("join.firstSteps.progress", { done, total: firstSteps.length })}
            </Text>
          </Stack>
          <CloseButton onClick={() => setDismissed(true)} aria-label={t("join.firstSteps.dismiss")} />
        </Group>
        <Progress value={Math.round((done / firstSteps.length) * 100)} aria-label={t("join.firstSteps.progressLabel")} size="sm" />
        <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: "none" }}>
          {firstSteps.map((step) => {
            const texts = stepTexts[step.key];
            return (
              <Group component="li" key={step.key} gap="sm" wrap="nowrap" align="flex-start">
                {step.done ? (
                  <IconCircleCheckFilled size={22} color="var(--mantine-color-green-7)" aria-hidden style={{ flexShrink: 0 }} />
                ) : (
                  <IconCircleDashed size={22} color="var(--mantine-color-gray-6)" aria-hidden style={{ flexShrink: 0 }} />
                )}
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Text fw={600} c={step.done ? "dimmed" : undefined} td={step.done ? "line-through" : undefined}>
                    {t(texts.title)}
                    <span className="tsunagu-visually-hidden">
                      {step.done ? t("join.firstSteps.doneSuffix") : t("join.firstSteps.todoSuffix")}
                    </span>
                  </Text>
                  {!step.done && (
                    <>
                      <Text size="sm" c="dimmed">
                        {t(texts.body)}
                      </Text>
                      <Anchor component={Link} to={stepLink(step.key, network.slug)} size="sm" fw={600}>
                        {t(texts.action)}
                      </Anchor>
                    </>
                  )}
                </Stack>
              </Group>
            );
          })}
        </Stack>
      </Stack>
    </Paper>
  );
}

/**
 * `?welcome=1` (set after joining): remember to welcome the member on this network, and take the
 * parameter out of the address so a reload or a shared link does not welcome again.
 */
export function useWelcome(slug: string | undefined): { show: boolean; dismiss: () => void } {
  const [searchParams, setSearchParams] = useSearchParams();
  const asked = searchParams.get("welcome") === "1";
  const [welcomeFor, setWelcomeFor] = useState<string | null>(asked && slug ? slug : null);
  if (asked && slug && welcomeFor !== slug) setWelcomeFor(slug);

  useEffect(() => {
    if (!asked) return;
    setSearchParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.delete("welcome");
        return next;
      },
      { replace: true },
    );
  }, [asked, setSearchParams]);

  return { show: slug !== undefined && welcomeFor === slug, dismiss: () => setWelcomeFor(null) };
}

export function WelcomeNotice({ networkName, pointToSteps, onClose }: { networkName: string; pointToSteps: boolean; onClose: () => void }) {
  const t = useT();
  return (
    <Alert
      variant="light"
      color="green"
      icon={<IconConfetti aria-hidden />}
      title={t("join.welcome.title", { network: networkName })}
      withCloseButton
      closeButtonLabel={t("common.close")}
      onClose={onClose}
      role="status"
    >
      {pointToSteps ? t("join.welcome.bodySteps") : t("join.welcome.body")}
    </Alert>
  );
}
