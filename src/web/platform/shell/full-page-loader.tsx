// Shown while the first page's code loads or the account is being fetched.
import { Center, Loader } from "@mantine/core";
import { useT } from "../i18n/i18n.context.tsx";

export function FullPageLoader() {
  const t = useT();
  return (
    <Center mih="100dvh" role="status" aria-live="polite">
      <Loader aria-label={t("common.loading")} />
    </Center>
  );
}
