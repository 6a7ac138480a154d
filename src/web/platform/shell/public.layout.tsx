// Frame for signed-out pages (sign-in, password reset, setup, 404): brand, language switch and a
// centred card.
import { Anchor, Box, Container, Group, Paper, Text } from "@mantine/core";
import { Link, Outlet } from "react-router";
import { useUpdateMe } from "../../accounts/use-update-me.ts";
import { useCachedMe } from "../hooks/use-me.ts";
import { useT } from "../i18n/i18n.context.tsx";
import { Brand } from "./brand.tsx";
import { LanguageSwitch } from "./language-switch.tsx";

export function PublicLayout() {
  const t = useT();
  // Signed in (e.g. on the email verification page)? Then the language belongs to the account.
  const signedIn = useCachedMe() !== undefined;
  const updateMe = useUpdateMe();
  return (
    <Box mih="100dvh" style={{ display: "flex", flexDirection: "column" }}>
      <a className="tsunagu-skip-link" href="#main">
        {t("shell.skipToContent")}
      </a>
      <Box component="header" px="md" py="sm">
        <Group justify="space-between" maw={960} mx="auto">
          <Anchor component={Link} to="/" underline="never" aria-label={t("shell.homeLink")}>
            <Brand />
          </Anchor>
          <LanguageSwitch onChange={signedIn ? (locale) => updateMe.mutate({ locale }) : undefined} disabled={updateMe.isPending} />
        </Group>
      </Box>
      <Box component="main" id="main" tabIndex={-1} style={{ flex: 1 }} px="md" py={{ base: "md", sm: "xl" }}>
        <Container size={460} p={0}>
          <Paper p={{ base: "lg", sm: "xl" }} shadow="sm" withBorder>
            <Outlet />
          </Paper>
        </Container>
      </Box>
      <Box component="footer" py="md" px="md">
        <Text ta="center" size="xs" c="dimmed">
          {t("app.tagline")}
        </Text>
      </Box>
    </Box>
  );
}
