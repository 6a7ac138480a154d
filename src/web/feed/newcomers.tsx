// New members of the last two weeks on the network home. Admins and supporters — whose part it
// is to greet newcomers — get a one-click welcome: a 👏 stamp on the newcomer's introduction.
import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconCheck } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useId } from "react";
import { Link } from "react-router";
import { posts } from "../../shared/contract/index.ts";
import type { Newcomer } from "../../shared/contract/feed.ts";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { callApi } from "../platform/api.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { refreshPosts } from "../rooms/room-queries.ts";
import { MemberAvatar } from "../people/member-avatar.tsx";

function WelcomeButton({ network, newcomer }: { network: MyNetwork; newcomer: Newcomer }) {
  const t = useT();
  const notify = useNotify();
  const welcome = useMutation({
    mutationFn: (postId: string) =>
      callApi(posts.setPostStamp, { params: { networkId: network.id, postId }, body: { emoji: "clap", on: true } }),
    onSuccess: async () => {
      notify.success(t("newcomers.welcomeDone", { name: newcomer.displayName }));
      await refreshPosts();
    },
    onError: (error) => notify.error(error),
  });
  if (newcomer.welcomedByMe)
    return (
      <Badge variant="light" color="green" leftSection={<IconCheck size={12} aria-hidden />}>
        {t("newcomers.welcomed")}
      </Badge>
    );
  if (newcomer.introductionPostId === null)
    return (
      <Text size="xs" c="dimmed">
        {t("newcomers.noIntro")}
      </Text>
    );
  const postId = newcomer.introductionPostId;
  return (
    <Button
      size="xs"
      variant="light"
      loading={welcome.isPending}
      onClick={() => welcome.mutate(postId)}
      aria-label={t("newcomers.welcomeLabel", { name: newcomer.displayName })}
    >
      👏 {t("newcomers.welcome")}
    </Button>
  );
}

export function Newcomers({ network, newcomers, welcomer }: { network: MyNetwork; newcomers: Newcomer[]; welcomer: boolean }) {
  const t = useT();
  const format = useFormat();
  const titleId = useId();
  if (newcomers.length === 0) return null;
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id={titleId}>
            {t("newcomers.title")}
          </Title>
          {welcomer && (
            <Text size="sm" c="dimmed">
              {t("newcomers.welcomerHint")}
            </Text>
          )}
        </div>
        <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {newcomers.map((newcomer) => (
            <Group key={newcomer.memberId} component="li" justify="space-between" wrap="nowrap" gap="sm">
              <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
                <MemberAvatar name={newcomer.displayName} avatarUrl={newcomer.avatarUrl} supporter={newcomer.supporter} size={38} />
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" fw={700} truncate>
                    {newcomer.displayName}
                  </Text>
                  <Group gap={6}>
                    <Text size="xs" c="dimmed">
                      {t(`role.${newcomer.role}`)} · {t("newcomers.joined", { date: format.date(newcomer.joinedAt) })}
                    </Text>
                    {newcomer.introductionPostId && (
                      <Anchor component={Link} to={`/n/${network.slug}/posts/${newcomer.introductionPostId}`} size="xs">
                        {t("newcomers.readIntro")}
                      </Anchor>
                    )}
                  </Group>
                </div>
              </Group>
              {welcomer && <WelcomeButton network={network} newcomer={newcomer} />}
            </Group>
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}
