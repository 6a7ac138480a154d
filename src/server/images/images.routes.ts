// Images on posts and comments: the upload and the member-only serving of their variants.
import * as c from "../../shared/contract/images.ts";
import type { Deps } from "../platform/deps.ts";
import { route, type RouteDef } from "../platform/http/route.ts";
import * as images from "./images.service.ts";

const oneHour = 3600;

export function imagesRoutes(deps: Deps): RouteDef[] {
  return [
    route(c.uploadImage, ({ actor, file }) => images.uploadImage(deps, actor, file), {
      rateLimits: [{ name: "image-upload:account", max: 200, windowSeconds: oneHour, key: ({ account }) => account?.id ?? "" }],
    }),
    route(c.getImage, ({ actor, params }) => images.getImage(deps, actor, params.imageId, params.variant)),
  ];
}
