// Random secrets for cookies and mailed links. Only their SHA-256 is stored, so a leaked
// database row cannot be replayed.
import { createHash, randomBytes } from "node:crypto";

export const newSecret = (bytes = 32) => randomBytes(bytes).toString("base64url");
export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");
