// The fields every network has (name, purpose, eligibility, code of conduct), shared by the network
// admins' settings and the operator's forms so both enforce the same limits.
import { Textarea, TextInput } from "@mantine/core";
import type { ReactNode } from "react";
import type { GetInputPropsReturnType } from "../platform/forms.ts";
import { limits } from "../../shared/limits.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";

export interface NetworkTextValues {
  name: string;
  purpose: string;
  eligibility: string;
  codeOfConduct: string;
}

/** `between` goes after the name (the operator's slug and kind). */
export function NetworkTextFields({
  inputProps,
  between,
}: {
  inputProps: (field: keyof NetworkTextValues) => GetInputPropsReturnType;
  between?: ReactNode;
}) {
  const t = useT();
  return (
    <>
      <TextInput label={t("networkFields.name")} required maxLength={limits.networkNameMax} {...inputProps("name")} />
      {between}
      <Textarea
        label={t("networkFields.purpose")}
        description={t("networkFields.purposeHint")}
        maxLength={limits.networkTextMax}
        {...inputProps("purpose")}
      />
      <Textarea
        label={t("networkFields.eligibility")}
        description={t("networkFields.eligibilityHint")}
        maxLength={limits.networkTextMax}
        {...inputProps("eligibility")}
      />
      <Textarea
        label={t("networkFields.codeOfConduct")}
        description={t("networkFields.codeOfConductHint")}
        maxLength={limits.networkTextMax}
        minRows={5}
        {...inputProps("codeOfConduct")}
      />
    </>
  );
}
