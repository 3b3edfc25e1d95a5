import { useEffect, useState } from 'react';
import { Button, Card, Form, Input, Space, Typography, message } from 'antd';
import { LockOutlined, MobileOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import type { CitizenRegisterBody } from '@fengqiao/shared';
import { landingFor, useAuth } from '../../auth';
import { useT } from '../../i18n';
import { api } from '../../api/client';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { AuthError } from './LoginPage';

const MOBILE = /^1[3-9]\d{9}$/;

/** Sends a verification code, then counts down 60 s before another may be asked for. */
export function SendCodeButton({ mobile, purpose, onError }: { mobile: string; purpose: 'register' | 'reset'; onError: (e: unknown) => void }) {
  const t = useT();
  const [left, setLeft] = useState(0);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (left <= 0) return;
    const timer = setTimeout(() => setLeft((n) => n - 1), 1000);
    return () => clearTimeout(timer);
  }, [left]);
  const send = async () => {
    setBusy(true);
    try {
      await api('/api/citizens/codes', { method: 'POST', body: { mobile, purpose }, noAuthRedirect: true });
      message.success(t('citizen.codeSent'));
      setLeft(60);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button onClick={send} loading={busy} disabled={left > 0 || !MOBILE.test(mobile)} data-testid="send-code">
      {left > 0 ? t('citizen.resendIn', { n: left }) : t('citizen.sendCode')}
    </Button>
  );
}

/** The mobile number and its SMS code (fields `mobile` and `code` of the enclosing form). */
export function MobileCodeFields({ mobile, purpose, onError, testid }: { mobile: string; purpose: 'register' | 'reset'; onError: (e: unknown) => void; testid: string }) {
  const t = useT();
  return (
    <>
      <Form.Item name="mobile" label={t('citizen.mobile')} rules={[{ required: true, pattern: MOBILE, message: t('citizen.mobileInvalid') }]}>
        <Input prefix={<MobileOutlined />} inputMode="numeric" maxLength={11} autoComplete="tel" data-testid={`${testid}-mobile`} autoFocus />
      </Form.Item>
      <Form.Item label={t('citizen.code')} required>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="code" noStyle rules={[{ required: true, pattern: /^\d{6}$/, message: t('citizen.codeInvalid') }]}>
            <Input prefix={<SafetyOutlined />} inputMode="numeric" maxLength={6} autoComplete="one-time-code" data-testid={`${testid}-code`} />
          </Form.Item>
          <SendCodeButton mobile={mobile} purpose={purpose} onError={onError} />
        </Space.Compact>
      </Form.Item>
    </>
  );
}

export function RegisterPage() {
  const t = useT();
  const { me, loginAt } = useAuth();
  const nav = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from;
  const [form] = Form.useForm<CitizenRegisterBody>();
  const mobile = Form.useWatch('mobile', form) ?? '';
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (me) return <Navigate to={landingFor(me, from)} replace />;

  const onFinish = async (v: CitizenRegisterBody) => {
    setBusy(true);
    setError(null);
    try {
      const m = await loginAt('/api/citizens/register', { mobile: v.mobile.trim(), code: v.code.trim(), password: v.password, displayName: v.displayName.trim() });
      nav(landingFor(m, from), { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="fq-login-bg">
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('citizen.registerTitle')}
            </Typography.Title>
            <LanguageSwitch />
          </div>
          <AuthError error={error} testid="register-error" />
          <Form<CitizenRegisterBody> form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
            <MobileCodeFields mobile={mobile} purpose="register" onError={setError} testid="register" />
            <Form.Item name="password" label={t('citizen.password')} rules={[{ required: true, min: 10, message: t('citizen.passwordInvalid') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="new-password" data-testid="register-password" />
            </Form.Item>
            <Form.Item name="displayName" label={t('citizen.displayName')} rules={[{ required: true, whitespace: true, max: 40, message: t('citizen.displayNameRequired') }]}>
              <Input prefix={<UserOutlined />} maxLength={40} data-testid="register-name" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="register-submit">
              {t('citizen.register')}
            </Button>
          </Form>
          <Link to="/login" state={{ from }}>
            {t('citizen.haveAccount')}
          </Link>
        </Space>
      </Card>
    </div>
  );
}
