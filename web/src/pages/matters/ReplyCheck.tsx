import { useEffect, useState } from 'react';
import { Alert, Space, Tag, Typography } from 'antd';
import { ReplyCheckResult, type MatterAction, type ReplyFlag, type ReplyFlagCode } from '@fengqiao/shared';
import { api } from '../../api/client';
import { useT, type MessageKey } from '../../i18n';

const flagKey = (c: ReplyFlagCode): MessageKey => `replyCheck.${c}`;

/**
 * The reply check before 反馈 is sent: the first submit of a text asks the server; with flags the
 * form shows them and the next submit of the same text goes through (仍然提交). Editing the
 * text asks again. A check that fails never holds a reply back.
 */
export function useReplyGate(matterId: string, action: MatterAction | null) {
  const [checked, setChecked] = useState<{ text: string; result: ReplyCheckResult } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setChecked(null), [matterId, action]);

  /** True when the reply may be sent now. */
  const pass = async (text: string): Promise<boolean> => {
    if (action !== 'reply') return true;
    if (checked?.text === text) return true;
    setBusy(true);
    try {
      const result = await api(`/api/matters/${matterId}/reply-check`, { method: 'POST', body: { text }, schema: ReplyCheckResult });
      setChecked({ text, result });
      return result.flags.length === 0;
    } catch {
      return true;
    } finally {
      setBusy(false);
    }
  };
  /** The flags shown for this very text: the submit button then says 仍然提交. */
  const flaggedFor = (text: string | undefined) => checked !== null && checked.text === (text ?? '').trim() && checked.result.flags.length > 0;
  return { checked, busy, pass, flaggedFor };
}

function FlagLine({ flag }: { flag: ReplyFlag }) {
  const t = useT();
  return (
    <li data-testid="reply-flag" data-code={flag.code}>
      {t(flagKey(flag.code), flag.params)}
      {flag.code === 'boilerplate' && Number(flag.params.copies) > 0 ? ` ${t('replyCheck.copies', { n: flag.params.copies! })}` : ''}
      {flag.evidence.length ? (
        <Space size={2} wrap style={{ marginLeft: 6 }}>
          {flag.evidence.map((e, i) => (
            <Tag key={i} style={{ maxWidth: 320, whiteSpace: 'normal' }}>
              {e}
            </Tag>
          ))}
        </Space>
      ) : null}
    </li>
  );
}

/** What the check found for the text in the form (nothing once the text changes). */
export function ReplyCheckAlert({ gate, text }: { gate: ReturnType<typeof useReplyGate>; text: string | undefined }) {
  const t = useT();
  if (!gate.flaggedFor(text)) return null;
  const { flags } = gate.checked!.result;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="reply-check"
      title={t('replyCheck.title', { n: flags.length })}
      description={
        <>
          <ul style={{ paddingLeft: 18, margin: 0 }}>
            {flags.map((f) => (
              <FlagLine key={f.code} flag={f} />
            ))}
          </ul>
          <Typography.Text type="secondary">{t('replyCheck.hint')}</Typography.Text>
        </>
      }
    />
  );
}
