import type { HandoffPort, HandoffRequest } from "../../bot/ports.ts";

/** Records handoff requests instead of queueing them. */
export class RecordingHandoff implements HandoffPort {
  readonly requests: HandoffRequest[] = [];
  agentsOnline = true;

  async requestHuman(_merchantId: string, request: HandoffRequest) {
    this.requests.push(request);
    return { agentsOnline: this.agentsOnline };
  }
}
