// The providers every page runs inside: data cache, language, theme, toasts, router.
import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "react-router/dom";
import { setUnauthenticatedHandler } from "./platform/api.ts";
import { I18nProvider } from "./platform/i18n/i18n.context.tsx";
import { meQuery } from "./platform/hooks/me-query.ts";
import { queryClient } from "./platform/query.ts";
import { cssVariablesResolver, theme } from "./platform/theme.ts";
import { isPublicPath, router } from "./routes.tsx";
import { signInPath } from "./platform/shell/sign-in-path.ts";

// A session that ends (expired, revoked elsewhere) sends the member to sign-in and back afterwards.
setUnauthenticatedHandler(() => {
  const { pathname, search, hash } = router.state.location;
  if (isPublicPath(pathname)) return;
  // Say why only to someone who was signed in here; a first visit just sees the sign-in page.
  const hadSession = queryClient.getQueryData(meQuery.queryKey) !== undefined;
  void router.navigate(signInPath(pathname + search + hash), { replace: true, state: hadSession ? { notice: "sessionExpired" } : null });
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light" forceColorScheme="light">
          <Notifications position="top-center" limit={3} />
          <RouterProvider router={router} />
        </MantineProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}
