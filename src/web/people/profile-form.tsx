// The global profile as its owner edits it: the same in every network, each field with who may see
// it. Saved with one button (PUT replaces all of it); errors land on their fields, whether found
// here by the contract's schema or by the server.
import { Button, Group, MultiSelect, Paper, Select, Stack, TagsInput, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconDeviceFloppy } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useMemo } from "react";
import type { ReactNode } from "react";
import { people } from "../../shared/contract/index.ts";
import type { MyProfile, ProfileInput } from "../../shared/contract/people.ts";
import { profileFields, profileLimits as l } from "../../shared/people.ts";
import type { ProfileField as ProfileFieldKey, Visibility } from "../../shared/people.ts";
import { callApi } from "../platform/api.ts";
import { bodySchema } from "../platform/forms.ts";
import type { FormErrors } from "../platform/forms.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useLocale, useT } from "../platform/i18n/i18n.context.tsx";
import { FormError } from "../platform/ui/form-error.tsx";
import { ProfileField, VisibilitySelect } from "./profile-field.tsx";
import { industryOptions, languageOptions, locationGroups } from "./profile-labels.ts";
import { CareerRows, LinkRows, newCareerRow, newLinkRow, type CareerRow, type LinkRow } from "./profile-rows.tsx";
import { applyFieldErrors, hasFieldErrors, validateBody, yearOrNull } from "./profile-validation.ts";

interface ProfileValues {
  nameReading: string;
  headline: string;
  company: string;
  position: string;
  industry: string | null;
  location: string | null;
  career: CareerRow[];
  skills: string[];
  interests: string[];
  links: LinkRow[];
  languages: string[];
  visibility: Record<ProfileFieldKey, Visibility>;
}

function toValues(profile: MyProfile): ProfileValues {
  const visibility = Object.fromEntries(profileFields.map((field) => [field, profile.visibility[field] ?? "members"])) as Record<
    ProfileFieldKey,
    Visibility
  >;
  return {
    nameReading: profile.nameReading,
    headline: profile.headline,
    company: profile.company,
    position: profile.position,
    industry: profile.industry,
    location: profile.location,
    career: profile.career.map((c) => ({ ...newCareerRow(), ...c, fromYear: c.fromYear ?? "", toYear: c.toYear ?? "" })),
    skills: profile.skills,
    interests: profile.interests,
    links: profile.links.map((link) => ({ ...newLinkRow(), ...link })),
    languages: profile.languages,
    visibility,
  };
}

function toBody(values: ProfileValues): ProfileInput {
  return {
    nameReading: values.nameReading,
    headline: values.headline,
    company: values.company,
    position: values.position,
    industry: values.industry,
    location: values.location,
    career: values.career.map((c) => ({
      company: c.company,
      role: c.role,
      fromYear: yearOrNull(c.fromYear),
      toYear: yearOrNull(c.toYear),
    })),
    skills: values.skills,
    interests: values.interests,
    links: values.links.map((link) => ({ label: link.label, url: link.url })),
    languages: values.languages,
    visibility: values.visibility,
  };
}

/**
 * A card of the form. With a visibility, the whole card is one field of several inputs (career
 * rows, links): its title names the field and its select says who may see it.
 */
export function Section({
  title,
  description,
  visibility,
  onVisibilityChange,
  children,
}: {
  title: string;
  description?: string;
  visibility?: Visibility;
  onVisibilityChange?: (value: Visibility) => void;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p={{ base: "md", sm: "lg" }} radius="md" component="section" aria-label={title}>
      <Group justify="space-between" align="flex-start" gap="xs" mb="md" wrap="wrap">
        <Stack gap={2} style={{ minWidth: 0, flex: "1 1 12rem" }}>
          <Title order={2} size="h4">
            {title}
          </Title>
          {description && (
            <Text size="xs" c="dimmed">
              {description}
            </Text>
          )}
        </Stack>
        {visibility && onVisibilityChange && <VisibilitySelect field={title} value={visibility} onChange={onVisibilityChange} />}
      </Group>
      <Stack gap="lg">{children}</Stack>
    </Paper>
  );
}

/**
 * Saving a profile form with one request: what the server saved becomes the form's clean state; a
 * 400 about fields lands on them (with a toast, as they may be out of sight), anything else shows
 * in the SaveBar.
 */
export function useSaveProfile<V, S>(
  form: { setValues(values: NoInfer<V>): void; resetDirty(values: NoInfer<V>): void; setErrors(errors: FormErrors): void },
  { save, toValues, onSaved }: { save: (values: V) => Promise<S>; toValues: (saved: S) => V; onSaved: (saved: S) => void },
) {
  const t = useT();
  const notify = useNotify();
  return useMutation({
    mutationFn: save,
    onSuccess: (saved) => {
      const values = toValues(saved);
      form.setValues(values);
      form.resetDirty(values);
      onSaved(saved);
      notify.success(t("profile.saved"));
    },
    onError: (error) => {
      if (applyFieldErrors(form, error)) notify.error(error);
    },
  });
}

/** The foot of a profile form: a problem that is no field's, whether there are unsaved changes, and the save button. */
export function SaveBar({ dirty, save }: { dirty: boolean; save: { error: unknown; isPending: boolean } }) {
  const t = useT();
  return (
    <>
      {save.error && !hasFieldErrors(save.error) && <FormError error={save.error} />}
      <Group justify="space-between" gap="sm">
        <Text size="sm" c="dimmed">
          {dirty ? t("profile.unsaved") : ""}
        </Text>
        <Button type="submit" leftSection={<IconDeviceFloppy size={18} aria-hidden />} loading={save.isPending} disabled={!dirty}>
          {t("common.save")}
        </Button>
      </Group>
    </>
  );
}

export function ProfileForm({ profile, onSaved }: { profile: MyProfile; onSaved: (saved: MyProfile) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const schema = bodySchema(people.updateMyProfile);
  // Country and language names come from Intl.DisplayNames: built once per language, not per keystroke.
  const places = useMemo(() => locationGroups(locale, t), [locale, t]);
  const industriesList = useMemo(() => industryOptions(locale), [locale]);
  const form = useForm<ProfileValues>({
    initialValues: toValues(profile),
    validate: (values) => validateBody(schema, toBody(values), t),
  });
  const save = useSaveProfile(form, {
    save: (values) => callApi(people.updateMyProfile, { body: toBody(values) }),
    toValues,
    onSaved,
  });

  const savedLanguages = form.values.languages;
  const languages = useMemo(() => languageOptions(locale, savedLanguages), [locale, savedLanguages]);

  /** The props of a field's visibility select. */
  const visibility = (field: ProfileFieldKey) => ({
    visibility: form.values.visibility[field],
    onVisibilityChange: (value: Visibility) => form.setFieldValue(`visibility.${field}`, value),
  });
  const tags = (field: "skills" | "interests") => ({
    ...form.getInputProps(field),
    maxTags: l.tagsMax,
    splitChars: [",", "、", "，"],
    acceptValueOnBlur: true,
    clearable: true,
  });

  return (
    <form noValidate onSubmit={form.onSubmit((values) => save.mutate(values))}>
      <Stack gap="lg">
        <Section title={t("profile.section.basics")}>
          <ProfileField label={t("profile.field.nameReading")} description={t("profile.nameReadingHint")}>
            {(input) => (
              <TextInput
                {...input}
                maxLength={l.readingMax}
                placeholder={t("profile.nameReadingPlaceholder")}
                {...form.getInputProps("nameReading")}
              />
            )}
          </ProfileField>
          <ProfileField label={t("profile.field.headline")} description={t("profile.headlineHint")} {...visibility("headline")}>
            {(input) => <TextInput {...input} maxLength={l.headlineMax} {...form.getInputProps("headline")} />}
          </ProfileField>
        </Section>

        <Section title={t("profile.section.work")}>
          <ProfileField label={t("profile.field.company")} {...visibility("company")}>
            {(input) => <TextInput {...input} maxLength={l.companyMax} autoComplete="organization" {...form.getInputProps("company")} />}
          </ProfileField>
          <ProfileField label={t("profile.field.position")} {...visibility("position")}>
            {(input) => (
              <TextInput {...input} maxLength={l.positionMax} autoComplete="organization-title" {...form.getInputProps("position")} />
            )}
          </ProfileField>
          <ProfileField label={t("profile.field.industry")} {...visibility("industry")}>
            {(input) => (
              <Select {...input} data={industriesList} clearable placeholder={t("profile.choose")} {...form.getInputProps("industry")} />
            )}
          </ProfileField>
          <ProfileField label={t("profile.field.location")} {...visibility("location")}>
            {(input) => (
              <Select
                {...input}
                data={places}
                searchable
                clearable
                placeholder={t("profile.choose")}
                nothingFoundMessage={t("profile.nothingFound")}
                {...form.getInputProps("location")}
              />
            )}
          </ProfileField>
        </Section>

        <Section title={t("profile.field.career")} description={t("profile.careerHint")} {...visibility("career")}>
          <CareerRows form={form} rows={form.values.career} />
        </Section>

        <Section title={t("profile.section.skills")}>
          <ProfileField label={t("profile.field.skills")} description={t("profile.tagsHint")} {...visibility("skills")}>
            {(input) => <TagsInput {...input} {...tags("skills")} />}
          </ProfileField>
          <ProfileField label={t("profile.field.interests")} description={t("profile.tagsHint")} {...visibility("interests")}>
            {(input) => <TagsInput {...input} {...tags("interests")} />}
          </ProfileField>
          <ProfileField label={t("profile.field.languages")} {...visibility("languages")}>
            {(input) => (
              <MultiSelect
                {...input}
                data={languages}
                searchable
                clearable
                maxValues={l.tagsMax}
                nothingFoundMessage={t("profile.nothingFound")}
                {...form.getInputProps("languages")}
              />
            )}
          </ProfileField>
        </Section>

        <Section title={t("profile.field.links")} description={t("profile.linksHint")} {...visibility("links")}>
          <LinkRows form={form} rows={form.values.links} />
        </Section>

        <SaveBar dirty={form.isDirty()} save={save} />
      </Stack>
    </form>
  );
}
