// /n/:slug/settings/stamps — the network's custom stamps (カスタムスタンプ), for its admins: the
// list (archived ones marked, with a way back), and adding one (name, label, image). The
// server's field messages (name taken, a standard stamp's name, not an image) show on the fields.
import { Anchor, Badge, Button, FileButton, Group, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconArrowLeft, IconLock, IconMoodSmile, IconUpload } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { Link, useParams } from "react-router";
import { networks, stamps } from "../../shared/contract/index.ts";
import type { CustomStamp } from "../../shared/contract/stamps.ts";
import { customStampLimits } from "../../shared/contract/stamps.ts";
import { stampNamePattern } from "../../shared/stamps.ts";
import { callApi, isApiError, uploadFile } from "../platform/api.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { apiQuery, invalidate } from "../platform/query.ts";
import { PageHeader } from "../platform/ui/page-header.tsx";
import { EmptyView, ErrorState, LoadingState, NotFoundState } from "../platform/ui/page-states.tsx";
import { ProblemAlert } from "../members/problem-alert.tsx";
import { useMyNetwork } from "../networks/use-my-network.ts";

export function CustomStampsPage() {
  const { slug } = useParams();
  const mine = useMyNetwork(slug);
  const t = useT();
  usePageTitle(mine ? t("customStamps.titleFor", { name: mine.name }) : t("notFound.title"));
  const params = { networkId: mine?.id ?? "" };
  const home = useQuery({ ...apiQuery(networks.getNetworkHome, { params }), enabled: mine !== undefined });
  const list = useQuery({ ...apiQuery(stamps.listCustomStamps, { params }), enabled: mine !== undefined });

  if (!mine) return <NotFoundState title={t("network.notFoundTitle")} description={t("network.notFoundBody")} />;
  if (home.isPending || list.isPending) return <LoadingState lines={6} />;
  if (home.isError) return <ErrorState error={home.error} onRetry={() => void home.refetch()} />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (!home.data.allowed.editSettings)
    return <EmptyView headingOrder={1} icon={<IconLock aria-hidden />} title={t("customStamps.forbiddenTitle")} />;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/n/${mine.slug}/settings`} size="sm">
        <IconArrowLeft size={14} aria-hidden style={{ verticalAlign: "-2px", marginInlineEnd: 4 }} />
        {t("customStamps.back")}
      </Anchor>
      <PageHeader title={t("customStamps.title")} description={t("customStamps.description")} />
      <AddStampForm networkId={mine.id} />
      <Paper withBorder p={{ base: "md", sm: "lg" }} component="section">
        <Title order={2} size="h3" mb="md">
          {t("customStamps.listHeading")}
        </Title>
        {list.data.items.length === 0 ? (
          <EmptyView icon={<IconMoodSmile aria-hidden />} title={t("customStamps.emptyTitle")} description={t("customStamps.emptyBody")} />
        ) : (
          <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {list.data.items.map((stamp) => (
              <StampRow key={stamp.id} networkId={mine.id} stamp={stamp} />
            ))}
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}

function StampRow({ networkId, stamp }: { networkId: string; stamp: CustomStamp }) {
  const t = useT();
  const notify = useNotify();
  const toggle = useMutation({
    mutationFn: (archived: boolean) =>
      callApi(stamps.setCustomStampArchived, { params: { networkId, stampId: stamp.id }, body: { archived } }),
    onSuccess: async (updated) => {
      notify.success(updated.archived ? t("customStamps.archivedDone") : t("customStamps.unarchivedDone"));
      await invalidate(stamps.listCustomStamps);
    },
    onError: notify.error,
  });
  return (
    <Group component="li" justify="space-between" wrap="nowrap" gap="sm" opacity={stamp.archived ? 0.6 : 1}>
      <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
        <img src={stamp.imageUrl} alt="" width={32} height={32} />
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text fw={600} truncate>
            {stamp.label}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace">
            :{stamp.name}:
          </Text>
        </Stack>
        {stamp.archived && (
          <Badge variant="light" color="gray">
            {t("customStamps.archived")}
          </Badge>
        )}
      </Group>
      <Button variant="default" size="xs" loading={toggle.isPending} onClick={() => toggle.mutate(!stamp.archived)}>
        {stamp.archived ? t("customStamps.unarchive") : t("customStamps.archive")}
      </Button>
    </Group>
  );
}

function AddStampForm({ networkId }: { networkId: string }) {
  const t = useT();
  const notify = useNotify();
  const [name, setName] = useState("");
  const [label, setLabel] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const preview = useMemo(() => (file ? URL.createObjectURL(file) : null), [file]);
  useEffect(() => () => (preview ? URL.revokeObjectURL(preview) : undefined), [preview]);
  const add = useMutation({
    mutationFn: (chosen: File) => uploadFile(stamps.createCustomStamp, { networkId }, chosen, undefined, { name, label: label.trim() }),
    onSuccess: async (created) => {
      notify.success(t("customStamps.added", { label: created.label }));
      setName("");
      setLabel("");
      setFile(null);
      await invalidate(stamps.listCustomStamps);
    },
  });
  const fields = isApiError(add.error) ? add.error.fields : {};
  const tooLarge = file !== null && file.size > customStampLimits.bytesMax;
  const nameOk = stampNamePattern.test(name);
  const otherError = add.isError && !fields.name && !fields.label && !fields.file;
  return (
    <Paper withBorder p={{ base: "md", sm: "lg" }} component="section">
      <Title order={2} size="h3" mb="md">
        {t("customStamps.addHeading")}
      </Title>
      <Stack
        gap="sm"
        component="form"
        maw={480}
        onSubmit={(event) => {
          event.preventDefault();
          if (file && nameOk && label.trim() && !tooLarge) add.mutate(file);
        }}
      >
        <TextInput
          label={t("customStamps.name")}
          description={t("customStamps.nameHint")}
          value={name}
          onChange={(event) => setName(event.currentTarget.value.toLowerCase())}
          maxLength={32}
          required
          ff="monospace"
          error={fields.name ?? (name !== "" && !nameOk ? t("customStamps.nameFormat") : undefined)}
        />
        <TextInput
          label={t("customStamps.label")}
          description={t("customStamps.labelHint")}
          value={label}
          onChange={(event) => setLabel(event.currentTarget.value)}
          maxLength={customStampLimits.labelMax}
          required
          error={fields.label}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t("customStamps.image")}
          </Text>
          <Text size="xs" c="dimmed">
            {t("customStamps.imageHint")}
          </Text>
          <Group gap="sm">
            {preview && <img src={preview} alt="" width={48} height={48} style={{ objectFit: "contain" }} />}
            <FileButton accept="image/png,image/jpeg,image/webp,image/gif" onChange={setFile}>
              {(props) => (
                <Button {...props} variant="default" leftSection={<IconUpload size={16} aria-hidden />}>
                  {file ? file.name : t("customStamps.chooseImage")}
                </Button>
              )}
            </FileButton>
          </Group>
          {(tooLarge || fields.file) && (
            <Text size="sm" c="red" role="alert">
              {tooLarge ? t("customStamps.tooBig") : fields.file}
            </Text>
          )}
        </Stack>
        {otherError && <ProblemAlert error={add.error} />}
        <Group>
          <Button type="submit" loading={add.isPending} disabled={!file || !nameOk || !label.trim() || tooLarge}>
            {t("customStamps.add")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
