// Cookie names in one place: the web client reads the CSRF cookie by this name too.
export const cookieNames = { session: "tsunagu_session", csrf: "tsunagu_csrf" } as const;
