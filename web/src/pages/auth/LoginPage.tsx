import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useLocation, useNavigate } from 'react-router';
import type { LoginBody } from '@fengqiao/shared';
import { useAuth } from '../../auth';
import { errorKey, useT } from '../../i18n';
import { ApiError } from '../../api/client';
import { errorText } from '../../components/common';
import { LanguageSwitch } from '../../components/LanguageSwitch';

export function LoginPage() {
  const t = useT();
  const { me, login } = useAuth();
  const nav = useNavigate();
  const loc = useLocation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const from = (loc.state as { from?: string } | null)?.from ?? '/';

  if (me) return <Navigate to={from === '/login' ? '/' : from} replace />;

  const onFinish = async (v: LoginBody) => {
    setBusy(true);
    setError(null);
    try {
      await login({ username: v.username.trim(), password: v.password });
      nav(from === '/login' ? '/' : from, { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="fq-login-bg">
      <Card style={{ width: 380 }}>
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
          {error ? (
            <Alert
              type="error"
              showIcon
              data-testid="login-error"
              title={error instanceof ApiError ? t(errorKey(error.code)) : errorText(t, error)}
              description={error instanceof ApiError && error.message ? error.message : undefined}
            />
          ) : null}
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
        </Space>
      </Card>
    </div>
  );
}
