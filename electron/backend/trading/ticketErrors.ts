/** Typed failures of the ticket service: each names the ticket, venue and symbol concerned. */
import type { SubmitRefusal } from '../../../shared/domain/ticket.ts';

/** The ticket cannot be priced as entered (wrong leg shapes, unknown market, no equity). */
export class TicketInvalidError extends Error {
  constructor(ticketId: string, problem: string) {
    super(`ticket ${ticketId}: ${problem}`);
    this.name = 'TicketInvalidError';
  }
}

/** A venue could not give what the preview needs (book, balance): the preview is not guessed. */
export class TicketDataError extends Error {
  constructor(ticketId: string, what: string, cause: unknown) {
    super(`ticket ${ticketId}: ${what} unavailable (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
    this.name = 'TicketDataError';
  }
}

/** Submission refused by main: the checklist failed on main's own fresh data. */
export class TicketRefusedError extends Error {
  readonly refusal: SubmitRefusal;
  constructor(refusal: SubmitRefusal) {
    super(refusal.message);
    this.name = 'TicketRefusedError';
    this.refusal = refusal;
  }
}
