import { useState } from 'react';
import { App, Button, Card, Form, Input } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import type { CitizenPasswordReset } from '@fengqiao/shared';
import { api } from '../../api/client';
import { useAuth } from '../../auth';
import { useT } from '../../i18n';
import { AuthError } from '../auth/LoginPage';
import { MobileCodeFields } from '../auth/RegisterPage';

/** 找回密码: a reset code by SMS, a new password; every session of the account ends, so log in again. */
export default function ResetPage() {
  const t = useT();
  const nav = useNavigate();
  const { message } = App.useApp();
  const { me, logout } = useAuth();
  const [form] = Form.useForm<CitizenPasswordReset>();
  const mobile = Form.useWatch('mobile', form) ?? '';
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const onFinish = async (v: CitizenPasswordReset) => {
    setBusy(true);
    setError(null);
    try {
      await api('/api/citizens/password-reset', { method: 'POST', body: { mobile: v.mobile.trim(), code: v.code.trim(), newPassword: v.newPassword }, noAuthRedirect: true });
      // The server ended the sessions of that account; this page may have been one of them.
      if (me) await logout();
      void message.success(t('pub.resetDone'));
      nav('/login', { replace: true, state: { from: '/public/me' } });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('pub.resetPassword')}>
      <AuthError error={error} testid="reset-error" />
      <Form<CitizenPasswordReset> form={form} layout="vertical" requiredMark={false} onFinish={(v) => void onFinish(v)} style={{ marginTop: 8 }}>
        <MobileCodeFields mobile={mobile} purpose="reset" onError={setError} testid="reset" />
        <Form.Item name="newPassword" label={t('pub.newPassword')} rules={[{ required: true, min: 10, message: t('citizen.passwordInvalid') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" data-testid="reset-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="reset-submit">
          {t('pub.resetSubmit')}
        </Button>
      </Form>
    </Card>
  );
}
