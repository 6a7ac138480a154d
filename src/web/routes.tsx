// Every URL of the web app. Each page is its own chunk, loaded when first visited.
import { createBrowserRouter } from "react-router";
import { RootLayout } from "./platform/shell/root.layout.tsx";
import { RouteErrorPage } from "./platform/shell/route-error.page.tsx";
import { FullPageLoader } from "./platform/shell/full-page-loader.tsx";

/** Pages reachable without a session: a 401 there must not bounce to sign-in. */
export const publicPaths = [
  "/sign-in",
  "/forgot-password",
  "/reset-password",
  "/set-password",
  "/verify-email",
  "/setup",
  "/join",
  "/unsubscribe",
];

export function isPublicPath(pathname: string): boolean {
  return publicPaths.some((path) => pathname === path || pathname.startsWith(`${path}/`));
}

export const router = createBrowserRouter([
  {
    Component: RootLayout,
    ErrorBoundary: RouteErrorPage,
    HydrateFallback: FullPageLoader,
    children: [
      {
        lazy: async () => ({ Component: (await import("./platform/shell/public.layout.tsx")).PublicLayout }),
        children: [
          { path: "sign-in", lazy: async () => ({ Component: (await import("./accounts/sign-in.page.tsx")).SignInPage }) },
          {
            path: "forgot-password",
            lazy: async () => ({ Component: (await import("./accounts/forgot-password.page.tsx")).ForgotPasswordPage }),
          },
          {
            path: "reset-password",
            lazy: async () => ({ Component: (await import("./accounts/reset-password.page.tsx")).ResetPasswordPage }),
          },
          { path: "set-password", lazy: async () => ({ Component: (await import("./accounts/reset-password.page.tsx")).SetPasswordPage }) },
          { path: "verify-email", lazy: async () => ({ Component: (await import("./accounts/verify-email.page.tsx")).VerifyEmailPage }) },
          { path: "setup", lazy: async () => ({ Component: (await import("./setup/setup.page.tsx")).SetupPage }) },
          { path: "join/:slug", lazy: async () => ({ Component: (await import("./join/join.page.tsx")).JoinPage }) },
          {
            path: "unsubscribe/:token",
            lazy: async () => ({ Component: (await import("./notifications/unsubscribe.page.tsx")).UnsubscribePage }),
          },
          { path: "*", lazy: async () => ({ Component: (await import("./platform/shell/not-found.page.tsx")).NotFoundPage }) },
        ],
      },
      {
        lazy: async () => ({ Component: (await import("./platform/shell/app-shell.layout.tsx")).AppShellLayout }),
        children: [
          { index: true, lazy: async () => ({ Component: (await import("./networks/home-redirect.page.tsx")).HomeRedirectPage }) },
          { path: "n/:slug", lazy: async () => ({ Component: (await import("./networks/network-home.page.tsx")).NetworkHomePage }) },
          {
            path: "n/:slug/settings",
            lazy: async () => ({ Component: (await import("./networks/network-settings.page.tsx")).NetworkSettingsPage }),
          },
          {
            path: "n/:slug/settings/stamps",
            lazy: async () => ({ Component: (await import("./stamps/custom-stamps.page.tsx")).CustomStampsPage }),
          },
          { path: "n/:slug/about", lazy: async () => ({ Component: (await import("./join/network-about.page.tsx")).NetworkAboutPage }) },
          {
            path: "n/:slug/manage/members",
            lazy: async () => ({ Component: (await import("./members/manage-members.page.tsx")).ManageMembersPage }),
          },
          {
            path: "n/:slug/manage/invitations",
            lazy: async () => ({ Component: (await import("./members/invitations.page.tsx")).InvitationsPage }),
          },
          { path: "n/:slug/manage/imports", lazy: async () => ({ Component: (await import("./members/imports.page.tsx")).ImportsPage }) },
          {
            path: "n/:slug/manage/imports/new",
            lazy: async () => ({ Component: (await import("./members/import-wizard.page.tsx")).ImportWizardPage }),
          },
          {
            path: "n/:slug/manage/imports/:importId",
            lazy: async () => ({ Component: (await import("./members/import-wizard.page.tsx")).ImportWizardPage }),
          },
          {
            path: "n/:slug/manage/requests",
            lazy: async () => ({ Component: (await import("./members/join-requests.page.tsx")).JoinRequestsPage }),
          },
          {
            path: "n/:slug/manage/reports",
            lazy: async () => ({ Component: (await import("./moderation/reports.page.tsx")).ReportsPage }),
          },
          { path: "n/:slug/manage/audit", lazy: async () => ({ Component: (await import("./members/audit-log.page.tsx")).AuditLogPage }) },
          {
            path: "n/:slug/manage/cohost-invitations",
            lazy: async () => ({ Component: (await import("./events/cohost-invitations.page.tsx")).CohostInvitationsPage }),
          },
          {
            path: "n/:slug/events/:eventId/ticket",
            lazy: async () => ({ Component: (await import("./events/ticket.page.tsx")).TicketPage }),
          },
          {
            path: "n/:slug/events/:eventId/attendees",
            lazy: async () => ({ Component: (await import("./events/attendees.page.tsx")).AttendeesPage }),
          },
          {
            path: "n/:slug/events/:eventId/check-in",
            lazy: async () => ({ Component: (await import("./events/check-in.page.tsx")).CheckInPage }),
          },
          {
            path: "n/:slug/events/:eventId/cohosts",
            lazy: async () => ({ Component: (await import("./events/cohosts.page.tsx")).CohostsPage }),
          },
          {
            path: "n/:slug/events/:eventId/report",
            lazy: async () => ({ Component: (await import("./events/report.page.tsx")).ReportPage }),
          },
          { path: "n/:slug/events", lazy: async () => ({ Component: (await import("./events/event-list.page.tsx")).EventListPage }) },
          { path: "n/:slug/surveys", lazy: async () => ({ Component: (await import("./surveys/surveys.page.tsx")).SurveysPage }) },
          {
            path: "n/:slug/surveys/new",
            lazy: async () => ({ Component: (await import("./surveys/survey-builder.page.tsx")).NewSurveyPage }),
          },
          {
            path: "n/:slug/surveys/:surveyId",
            lazy: async () => ({ Component: (await import("./surveys/survey-answer.page.tsx")).SurveyAnswerPage }),
          },
          {
            path: "n/:slug/surveys/:surveyId/edit",
            lazy: async () => ({ Component: (await import("./surveys/survey-builder.page.tsx")).EditSurveyPage }),
          },
          {
            path: "n/:slug/surveys/:surveyId/results",
            lazy: async () => ({ Component: (await import("./surveys/survey-results.page.tsx")).SurveyResultsPage }),
          },
          { path: "n/:slug/events/new", lazy: async () => ({ Component: (await import("./events/event-form.page.tsx")).EventFormPage }) },
          { path: "n/:slug/events/:eventId", lazy: async () => ({ Component: (await import("./events/event.page.tsx")).EventPage }) },
          {
            path: "n/:slug/events/:eventId/edit",
            lazy: async () => ({ Component: (await import("./events/event-form.page.tsx")).EventFormPage }),
          },
          {
            path: "n/:slug/event-series/:seriesId",
            lazy: async () => ({ Component: (await import("./events/series.page.tsx")).SeriesPage }),
          },
          { path: "n/:slug/rooms/:roomId", lazy: async () => ({ Component: (await import("./rooms/room.page.tsx")).RoomPage }) },
          { path: "n/:slug/search", lazy: async () => ({ Component: (await import("./feed/search.page.tsx")).SearchPage }) },
          { path: "n/:slug/people", lazy: async () => ({ Component: (await import("./people/directory.page.tsx")).DirectoryPage }) },
          {
            path: "n/:slug/people/suggestions",
            lazy: async () => ({ Component: (await import("./people/suggestions.page.tsx")).SuggestionsPage }),
          },
          {
            path: "n/:slug/people/generations",
            lazy: async () => ({ Component: (await import("./people/generations.page.tsx")).GenerationsPage }),
          },
          {
            path: "n/:slug/people/:memberId",
            lazy: async () => ({ Component: (await import("./people/profile-view.page.tsx")).MemberProfilePage }),
          },
          {
            path: "n/:slug/profile",
            lazy: async () => ({ Component: (await import("./people/profile-network.page.tsx")).MyMemberProfilePage }),
          },
          { path: "n/:slug/messages", lazy: async () => ({ Component: (await import("./messages/messages.page.tsx")).MessagesPage }) },
          {
            path: "n/:slug/messages/:conversationId",
            lazy: async () => ({ Component: (await import("./messages/messages.page.tsx")).MessagesPage }),
          },
          {
            path: "n/:slug/notifications",
            lazy: async () => ({ Component: (await import("./notifications/notifications.page.tsx")).NotificationsPage }),
          },
          {
            path: "n/:slug/notifications/settings",
            lazy: async () => ({ Component: (await import("./notifications/notification-settings.page.tsx")).NotificationSettingsPage }),
          },
          { path: "n/:slug/posts/:postId", lazy: async () => ({ Component: (await import("./rooms/post.page.tsx")).PostPage }) },
          { path: "account", lazy: async () => ({ Component: (await import("./accounts/account.page.tsx")).AccountPage }) },
          { path: "me/profile", lazy: async () => ({ Component: (await import("./people/profile-edit.page.tsx")).MyProfilePage }) },
          {
            path: "operator/networks",
            lazy: async () => ({ Component: (await import("./operator/operator-networks.page.tsx")).OperatorNetworksPage }),
          },
          {
            path: "operator/networks/new",
            lazy: async () => ({ Component: (await import("./operator/operator-network-new.page.tsx")).OperatorNetworkNewPage }),
          },
          {
            path: "operator/networks/:networkId",
            lazy: async () => ({ Component: (await import("./operator/operator-network-edit.page.tsx")).OperatorNetworkEditPage }),
          },
          { path: "operator/outbox", lazy: async () => ({ Component: (await import("./operator/outbox.page.tsx")).OutboxPage }) },
          {
            path: "operator/outbox/:mailId",
            lazy: async () => ({ Component: (await import("./operator/outbox-mail.page.tsx")).OutboxMailPage }),
          },
        ],
      },
    ],
  },
]);
