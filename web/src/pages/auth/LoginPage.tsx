import { useState } from 'react';
import dayjs from 'dayjs';
import { Alert, Button, Card, Form, Input, Space, Tabs, Typography } from 'antd';
import { LockOutlined, MobileOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import type { CitizenLoginBody, LoginBody, Me } from '@fengqiao/shared';
import { landingFor, useAuth } from '../../auth';
import { errorKey, useT } from '../../i18n';
import { ApiError } from '../../api/client';
import { errorText } from '../../components/common';
import { LanguageSwitch } from '../../components/LanguageSwitch';

export function LoginPage() {
  const t = useT();
  const { me, login, loginAt } = useAuth();
  const nav = useNavigate();
  const loc = useLocation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const from = (loc.state as { from?: string } | null)?.from;

  if (me) return <Navigate to={landingFor(me, from)} replace />;

  const run = async (doLogin: () => Promise<Me>) => {
    setBusy(true);
    setError(null);
    try {
      nav(landingFor(await doLogin(), from), { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const onFinish = (v: LoginBody) => run(() => login({ username: v.username.trim(), password: v.password }));
  const onMobile = (v: CitizenLoginBody) => run(() => loginAt('/api/citizens/login', { mobile: v.mobile.trim(), password: v.password }));

  return (
    <div className="fq-login-bg">
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
            <div>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {t('app.title')}
              </Typography.Title>
              <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
            </div>
            <LanguageSwitch />
          </div>
          <AuthError error={error} testid="login-error" />
          <Tabs
            // Sent here from a public page: most likely a citizen, who logs in with a mobile number.
            defaultActiveKey={from?.startsWith('/public') ? 'mobile' : 'account'}
            items={[
              {
                key: 'account',
                label: t('login.tabAccount'),
                children: (
                  <Form<LoginBody> layout="vertical" onFinish={onFinish} requiredMark={false}>
                    <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
                      <Input prefix={<UserOutlined />} autoComplete="username" data-testid="login-username" autoFocus />
                    </Form.Item>
                    <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
                      <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
                    </Form.Item>
                    <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
                      {t('login.submit')}
                    </Button>
                  </Form>
                ),
              },
              {
                key: 'mobile',
                label: t('login.tabMobile'),
                children: (
                  <Form<CitizenLoginBody> layout="vertical" onFinish={onMobile} requiredMark={false}>
                    <Form.Item name="mobile" label={t('citizen.mobile')} rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: t('citizen.mobileInvalid') }]}>
                      <Input prefix={<MobileOutlined />} inputMode="numeric" maxLength={11} autoComplete="tel" data-testid="login-mobile" />
                    </Form.Item>
                    <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
                      <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-mobile-password" />
                    </Form.Item>
                    <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-mobile-submit">
                      {t('login.submit')}
                    </Button>
                  </Form>
                ),
              },
            ]}
          />
          <Space style={{ justifyContent: 'space-between', width: '100%' }}>
            <Link to="/register" state={{ from }} data-testid="login-register">
              {t('login.register')}
            </Link>
            <Link to="/public/reset">{t('pub.forgotPassword')}</Link>
            <Link to="/public">{t('pub.nav.feed')}</Link>
          </Space>
        </Space>
      </Card>
    </div>
  );
}

/** When a throttled client may try again (429 with Retry-After), in the reader's language. */
function retryText(t: ReturnType<typeof useT>, error: ApiError): string | null {
  if (error.status !== 429 || !error.retryAfterSeconds) return null;
  const at = dayjs().add(error.retryAfterSeconds, 'second');
  return t('login.retryAt', { time: at.format('HH:mm:ss'), minutes: Math.ceil(error.retryAfterSeconds / 60) });
}

/** The server's answer to a login or registration, worded by its error code. */
export function AuthError({ error, testid }: { error: unknown; testid: string }) {
  const t = useT();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      data-testid={testid}
      title={error instanceof ApiError ? t(errorKey(error.code)) : errorText(t, error)}
      description={error instanceof ApiError ? (retryText(t, error) ?? (error.message || undefined)) : undefined}
    />
  );
}
