import { AppError } from "../../errors.ts";

/** The payment area's failures, each with its status and stable code. */
export const badSignature = (message = "The notification's signature does not check out.") => new AppError(401, "payments:bad_signature", message);
export const amountMismatch = (details?: unknown) => new AppError(422, "payments:amount_mismatch", "The amount or currency differs from the payment's.", details);
export const unknownPayment = () => new AppError(404, "payments:not_found", "No such payment.");
export const notPayable = (status: string) => new AppError(409, "payments:order_not_payable", `An order that is ${status} cannot be paid.`, { status });
export const paymentClosed = (status: string) => new AppError(409, "payments:closed", `This payment is ${status} and can no longer be paid.`, { status });
export const refundTooLarge = (refundable: number) => new AppError(422, "payments:refund_exceeds_paid", `At most ${refundable} (minor units) can still be refunded.`, { refundable });
export const nothingPaid = () => new AppError(422, "payments:nothing_paid", "This order has no payment that could be refunded.");
export const providerFailed = (message: string) => new AppError(502, "payments:provider_error", message);
