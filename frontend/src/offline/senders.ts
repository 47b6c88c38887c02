// How each kind of outbox item reaches the server. Registered when the app
// starts, so records made offline are sent on the next start even before
// the screens that made them are opened again.
import { LogContactDocument, RecordCaseActionDocument, ReportAbsenceDocument, SignAgreementDocument, type LogContactInput } from '@/gql/graphql';
import { mutate } from '@/api/client';
import type { ContactPayload } from '@/contact';
import type { SignaturePayload } from '@/agreement';
import { absenceVariables, caseActionVariables, type AbsencePayload, type CaseActionPayload } from '@/dropout';
import type { OutboxItem } from './outbox';
import { registerSender } from './sync';

/** The mutation's variables for an outbox item: the item's id is the uuid. */
export function logContactVariables(item: Pick<OutboxItem<ContactPayload>, 'id' | 'payload'>): { input: LogContactInput } {
  return { input: { ...item.payload.input, uuid: item.id } };
}

/** 联系记录: logContact with the item's id as the uuid (a resend is stored once). */
export async function sendContact(item: OutboxItem): Promise<void> {
  await mutate(LogContactDocument, logContactVariables(item as OutboxItem<ContactPayload>));
}

/** 责任书签名: signAgreement; the server answers a repeat with the signed one. */
export async function sendSignature(item: OutboxItem): Promise<void> {
  await mutate(SignAgreementDocument, { input: (item as OutboxItem<SignaturePayload>).payload.input });
}

/** 缺勤报告: reportAbsence with the item's id as the uuid (a resend is stored once). */
export async function sendAbsence(item: OutboxItem): Promise<void> {
  await mutate(ReportAbsenceDocument, absenceVariables(item as OutboxItem<AbsencePayload>));
}

/** 劝返等工作记录: recordCaseAction with the item's id as the uuid (a resend is stored once). */
export async function sendCaseAction(item: OutboxItem): Promise<void> {
  await mutate(RecordCaseActionDocument, caseActionVariables(item as OutboxItem<CaseActionPayload>));
}

export function registerSenders(): void {
  registerSender('contact', sendContact);
  registerSender('signature', sendSignature);
  registerSender('absence', sendAbsence);
  registerSender('caseAction', sendCaseAction);
}
