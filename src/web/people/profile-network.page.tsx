// /n/:slug/profile — my profile at this company: the years I was there, departments and positions
// with their years, employment type, what I am open to (カムバック, 副業・業務委託…), each with
// who may see it. What the admins' CSV import says is shown beside my own values, with a button to
// take it over; until I state my own, members see the import's.
import { Alert, Anchor, Button, Chip, Group, Paper, Select, SimpleGrid, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconArrowLeft, IconDatabaseImport } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { people } from "../../shared/contract/index.ts";
import type { MemberProfileInput, MyMemberProfile } from "../../shared/contract/people.ts";
import { memberProfileFields } from "../../shared/people.ts";
import type { MemberProfileField, Visibility } from "../../shared/people.ts";
import { callApi } from "../platform/api.ts";
import { bodySchema } from "../platform/forms.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useLocale, useT } from "../platform/i18n/i18n.context.tsx";
import { apiQuery, queryClient } from "../platform/query.ts";
import { PageHeader } from "../platform/ui/page-header.tsx";
import { ErrorState, LoadingState, NotFoundState } from "../platform/ui/page-states.tsx";
import { useMyNetwork } from "../networks/use-my-network.ts";
import { ProfileField } from "./profile-field.tsx";
import { Section, SaveBar, useSaveProfile } from "./profile-form.tsx";
import { employmentTypeOptions, openToOptions } from "./profile-labels.ts";
import { ProfileLayout } from "./profile-layout.tsx";
import { DepartmentRows, newDepartmentRow, type DepartmentRow, type YearValue } from "./profile-rows.tsx";
import { YearInput } from "./profile-year-input.tsx";
import { validateBody, yearOrNull } from "./profile-validation.ts";

const myMemberProfileQuery = (networkId: string) => apiQuery(people.getMyMemberProfile, { params: { networkId } });

interface MemberValues {
  joinYear: YearValue;
  leaveYear: YearValue;
  departments: DepartmentRow[];
  employmentType: string | null;
  openTo: string[];
  visibility: Record<MemberProfileField, Visibility>;
}

function toValues(profile: MyMemberProfile): MemberValues {
  return {
    joinYear: profile.joinYear ?? "",
    leaveYear: profile.leaveYear ?? "",
    departments: profile.departments.map((d) => ({ ...newDepartmentRow(), ...d, fromYear: d.fromYear ?? "", toYear: d.toYear ?? "" })),
    employmentType: profile.employmentType,
    openTo: profile.openTo,
    visibility: Object.fromEntries(memberProfileFields.map((field) => [field, profile.visibility[field] ?? "members"])) as Record<
      MemberProfileField,
      Visibility
    >,
  };
}

function toBody(values: MemberValues): MemberProfileInput {
  return {
    joinYear: yearOrNull(values.joinYear),
    leaveYear: yearOrNull(values.leaveYear),
    departments: values.departments.map((d) => ({
      department: d.department,
      position: d.position,
      fromYear: yearOrNull(d.fromYear),
      toYear: yearOrNull(d.toYear),
    })),
    employmentType: values.employmentType,
    openTo: values.openTo,
    visibility: values.visibility,
  };
}

/** 「事務局の登録: 2012年入社 / 2019年退職 / 営業本部」 and the button to take it over. */
function ImportedValues({ imported, inUse, onUse }: { imported: MyMemberProfile["imported"]; inUse: boolean; onUse: () => void }) {
  const t = useT();
  const parts = [
    imported.joinYear !== null ? t("memberProfile.imported.joined", { year: imported.joinYear }) : null,
    imported.leaveYear !== null ? t("memberProfile.imported.left", { year: imported.leaveYear }) : null,
    imported.department,
  ].filter((part): part is string => part !== null && part !== "");
  if (parts.length === 0) return null;
  return (
    <Alert variant="light" color="gray" icon={<IconDatabaseImport aria-hidden />}>
      <Stack gap="xs" align="flex-start">
        <Text size="sm" fw={700}>
          {t("memberProfile.imported.body", { values: parts.join(" / ") })}
        </Text>
        <Text size="xs" c="dimmed">
          {t("memberProfile.imported.hint")}
        </Text>
        {!inUse && (
          <Button size="xs" variant="default" onClick={onUse}>
            {t("memberProfile.imported.use")}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

function MemberProfileForm({ network, profile }: { network: MyNetwork; profile: MyMemberProfile }) {
  const t = useT();
  const { locale } = useLocale();
  const schema = bodySchema(people.updateMyMemberProfile);
  const form = useForm<MemberValues>({
    initialValues: toValues(profile),
    validate: (values) => validateBody(schema, toBody(values), t),
  });
  const save = useSaveProfile(form, {
    save: (values) => callApi(people.updateMyMemberProfile, { params: { networkId: network.id }, body: toBody(values) }),
    toValues,
    onSaved: (saved) => {
      queryClient.setQueryData(myMemberProfileQuery(network.id).queryKey, saved);
      void queryClient.invalidateQueries({ queryKey: [people.getMemberProfile.id] });
      void queryClient.invalidateQueries({ queryKey: [people.listDirectory.id] });
    },
  });

  const visibility = (field: MemberProfileField) => ({
    visibility: form.values.visibility[field],
    onVisibilityChange: (value: Visibility) => form.setFieldValue(`visibility.${field}`, value),
  });

  const { imported } = profile;
  const values = form.values;
  // Nothing to take over when the form already says what the import says.
  const importInUse =
    (imported.joinYear === null || yearOrNull(values.joinYear) === imported.joinYear) &&
    (imported.leaveYear === null || yearOrNull(values.leaveYear) === imported.leaveYear) &&
    (imported.department === null || values.departments.some((d) => d.department.trim() === imported.department));

  const takeImported = () => {
    if (imported.joinYear !== null) form.setFieldValue("joinYear", imported.joinYear);
    if (imported.leaveYear !== null) form.setFieldValue("leaveYear", imported.leaveYear);
    if (imported.department && !form.values.departments.some((d) => d.department.trim() === imported.department))
      form.insertListItem("departments", {
        ...newDepartmentRow(),
        department: imported.department,
        fromYear: imported.joinYear ?? "",
        toYear: imported.leaveYear ?? "",
      });
  };

  return (
    <form noValidate onSubmit={form.onSubmit((values) => save.mutate(values))}>
      <Stack gap="lg">
        <ImportedValues imported={imported} inUse={importInUse} onUse={takeImported} />
        <Section title={t("memberProfile.section.years")}>
          <ProfileField label={t("profile.field.years")} description={t("memberProfile.yearsHint")} group {...visibility("years")}>
            {() => (
              <SimpleGrid cols={2} spacing="sm">
                <YearInput label={t("profile.field.joinYear")} {...form.getInputProps("joinYear")} />
                <YearInput
                  label={t("profile.field.leaveYear")}
                  placeholder={profile.role === "employee" ? t("memberProfile.stillHere") : undefined}
                  {...form.getInputProps("leaveYear")}
                />
              </SimpleGrid>
            )}
          </ProfileField>
          <ProfileField label={t("profile.field.employmentType")} {...visibility("employmentType")}>
            {(input) => (
              <Select
                {...input}
                data={employmentTypeOptions(locale)}
                clearable
                placeholder={t("profile.choose")}
                {...form.getInputProps("employmentType")}
              />
            )}
          </ProfileField>
        </Section>
        <Section title={t("profile.field.departments")} description={t("memberProfile.departmentsHint")} {...visibility("departments")}>
          <DepartmentRows form={form} rows={form.values.departments} />
        </Section>
        <Section title={t("profile.field.openTo")} description={t("memberProfile.openToHint")} {...visibility("openTo")}>
          <Chip.Group multiple value={form.values.openTo} onChange={(value) => form.setFieldValue("openTo", value)}>
            <Group gap="xs" role="group" aria-label={t("profile.field.openTo")}>
              {openToOptions(locale).map((option) => (
                <Chip key={option.value} value={option.value} variant="outline" color="teal">
                  {option.label}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </Section>
        <SaveBar dirty={form.isDirty()} save={save} />
      </Stack>
    </form>
  );
}

export function MyMemberProfilePage() {
  const { slug } = useParams();
  const network = useMyNetwork(slug);
  const t = useT();
  usePageTitle(network ? t("memberProfile.titleAt", { name: network.name }) : t("notFound.title"));
  const query = useQuery({ ...myMemberProfileQuery(network?.id ?? ""), enabled: network !== undefined });

  if (!network) return <NotFoundState title={t("network.notFoundTitle")} description={t("network.notFoundBody")} />;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/me/profile" size="sm">
        <IconArrowLeft size={14} aria-hidden style={{ verticalAlign: "-2px", marginInlineEnd: 4 }} />
        {t("memberProfile.back")}
      </Anchor>
      <PageHeader title={t("memberProfile.title")} description={t("memberProfile.lead", { name: network.name })} />
      {query.isPending ? (
        <LoadingState lines={8} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <ProfileLayout
          profile={query.data}
          aside={
            <Paper withBorder p="md" radius="md">
              <Anchor component={Link} to={`/n/${network.slug}/people/${query.data.memberId}`} size="sm">
                {t("memberProfile.viewAsOthers")}
              </Anchor>
            </Paper>
          }
        >
          <MemberProfileForm key={network.id} network={network} profile={query.data} />
        </ProfileLayout>
      )}
    </Stack>
  );
}
