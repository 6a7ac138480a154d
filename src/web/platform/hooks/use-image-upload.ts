// Choosing an image and uploading it (a network's logo, a member's avatar): the chosen file and its
// preview (the object URL released when no longer shown), a file over the server's limit refused
// before sending it, and the upload, after which the choice is cleared.
import { useMutation } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";

export function useImageUpload<T>({
  maxBytes,
  upload,
  onUploaded,
}: {
  maxBytes: number;
  upload: (file: File) => Promise<T>;
  onUploaded: (result: T) => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [tooLarge, setTooLarge] = useState(false);
  const preview = useMemo(() => (file ? URL.createObjectURL(file) : null), [file]);
  useEffect(() => () => (preview ? URL.revokeObjectURL(preview) : undefined), [preview]);

  const send = useMutation({
    mutationFn: upload,
    onSuccess: (result) => {
      setFile(null);
      onUploaded(result);
    },
  });

  /** A new choice (null: cancel the current one) forgets the last upload's error. */
  const choose = (chosen: File | null) => {
    send.reset();
    if (chosen && chosen.size > maxBytes) {
      setTooLarge(true);
      setFile(null);
      return;
    }
    setTooLarge(false);
    setFile(chosen);
  };

  return { file, preview, tooLarge, choose, send };
}
