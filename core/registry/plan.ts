// A contact (支援記録) and the case's 支援プラン: the contact counts as プランに基づく when the case's
// プラン作成日 is on or before its 実施日, and as プラン作成前 otherwise — the rule by which the
// indicators split participation contacts with (core/indicators/catalog.ts, splitParticipation).

/** ISO dates compare as text. No プラン作成日: プラン作成前. */
export function isPlanBased(planOn: string | undefined, on: string): boolean {
  return planOn !== undefined && planOn <= on;
}
