// IANA time zones this browser knows, for the profile's time zone picker.
let cached: string[] | null = null;

export function timeZones(current?: string): string[] {
  if (!cached) {
    try {
      cached = Intl.supportedValuesOf("timeZone");
    } catch {
      cached = ["Asia/Tokyo", "UTC"];
    }
    // Some engines leave UTC out of the list; it is a valid choice.
    if (!cached.includes("UTC")) cached = [...cached, "UTC"];
  }
  return current && !cached.includes(current) ? [current, ...cached] : cached;
}
