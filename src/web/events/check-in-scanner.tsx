// The camera part of the door page: a button that asks for the camera, the live picture with a frame
// to aim at, a button to stop, and — when the camera cannot be used — what happened and what to do
// instead (allow it in the browser's settings, open the page over HTTPS, or type the code below).
import { Alert, Box, Button, Paper, Stack, Text } from "@mantine/core";
import { IconCamera, IconCameraOff } from "@tabler/icons-react";
import { useT } from "../platform/i18n/i18n.context.tsx";
import type { MessageKey } from "../platform/i18n/ja.ts";
import type { ScannerProblem } from "./qr-scanner.ts";
import { useQrScanner } from "./qr-scanner.ts";

const problemText: Record<ScannerProblem, MessageKey> = {
  unsupported: "eventCheckIn.camera.unsupported",
  insecure: "eventCheckIn.camera.insecure",
  denied: "eventCheckIn.camera.denied",
  noCamera: "eventCheckIn.camera.noCamera",
  busy: "eventCheckIn.camera.busy",
  failed: "eventCheckIn.camera.failed",
};

export function CheckInScanner({ onCode }: { onCode: (text: string) => void }) {
  const t = useT();
  const { videoRef, state, start, stop } = useQrScanner(onCode);
  const live = state.kind === "scanning" || state.kind === "starting";

  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Box
          pos="relative"
          style={{
            display: live ? "block" : "none",
            width: "100%",
            aspectRatio: "1 / 1",
            overflow: "hidden",
            borderRadius: "var(--mantine-radius-md)",
            background: "#000",
          }}
        >
          <video
            ref={videoRef}
            muted
            playsInline
            aria-label={t("eventCheckIn.camera.videoLabel")}
            style={{ width: "100%", height: "100%", objectFit: "cover", display: "block" }}
          />
          {/* Where to hold the ticket; decoding reads the whole picture, the frame only guides the eye. */}
          <Box
            aria-hidden
            pos="absolute"
            style={{ inset: "18%", border: "3px solid rgba(255,255,255,0.9)", borderRadius: 12, boxShadow: "0 0 0 999px rgba(0,0,0,0.25)" }}
          />
        </Box>
        {state.kind === "scanning" && (
          <Text size="sm" c="dimmed" ta="center">
            {t("eventCheckIn.camera.aim")}
          </Text>
        )}
        {state.kind === "error" && (
          <Alert
            color="orange"
            variant="light"
            icon={<IconCameraOff aria-hidden />}
            title={t("eventCheckIn.camera.problemTitle")}
            role="alert"
          >
            {t(problemText[state.problem])}
          </Alert>
        )}
        {live ? (
          <Button variant="default" size="md" leftSection={<IconCameraOff size={20} aria-hidden />} onClick={stop}>
            {t("eventCheckIn.camera.stop")}
          </Button>
        ) : (
          <Button size="lg" leftSection={<IconCamera size={22} aria-hidden />} onClick={() => void start()}>
            {state.kind === "error" ? t("eventCheckIn.camera.retry") : t("eventCheckIn.camera.start")}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
