// Reply schemas shared by the routes: every error reply has the contract's ErrorReply shape.
import { ErrorReplySchema } from '@vigie/contract';

export const errorReplies = {
  400: ErrorReplySchema,
  401: ErrorReplySchema,
  403: ErrorReplySchema,
  429: ErrorReplySchema,
  404: ErrorReplySchema,
  409: ErrorReplySchema,
  502: ErrorReplySchema,
  503: ErrorReplySchema,
  504: ErrorReplySchema,
} as const;
