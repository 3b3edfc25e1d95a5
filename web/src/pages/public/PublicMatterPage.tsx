import { useEffect, useState } from 'react';
import { App, Button, Card, Image, Space, Tag, Typography } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined, LinkOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Link, useLocation, useParams } from 'react-router';
import { FollowState, PublicMatter, type PublicMatter as PublicMatterT, type PublicStep } from '@fengqiao/shared';
import { api } from '../../api/client';
import { useAuth } from '../../auth';
import { ratingKey, useT, type TFunction } from '../../i18n';
import { AsyncGate, errorText, useAsync } from '../../components/common';
import { StateTag } from '../matters/shared';
import { changedRecently, markPublicChanged, PostMeta, publicCache, RatingTag, StepTimeline, type Step } from './shared';

/** The words of a public step: who did what, never a person's name. */
function stepLabel(t: TFunction, s: PublicStep): string {
  const unit = s.toUnitName ?? s.unitName ?? t('pub.aUnit');
  switch (s.action) {
    case 'dispatch':
      return t('pub.step.dispatch', { unit });
    case 'escalate':
      return t('pub.step.escalate', { unit });
    case 'accept':
      return t('pub.step.accept', { unit: s.unitName ?? t('pub.aUnit') });
    case 'reply':
      return t('pub.step.reply', { unit: s.unitName ?? t('pub.aUnit') });
    case 'rate':
      return s.rating ? t('pub.step.rateAs', { rating: t(ratingKey(s.rating)) }) : t('pub.step.rate');
    default:
      return t(`pub.step.${s.action}`);
  }
}

/** Follow / unfollow (关注) with the count; logged out it leads to the login page and back. */
function FollowButton({ number, count }: { number: string; count: number }) {
  const t = useT();
  const { me } = useAuth();
  const loc = useLocation();
  const { message } = App.useApp();
  const [state, setState] = useState<FollowState>({ following: false, followerCount: count });
  const [busy, setBusy] = useState(false);
  const path = `/api/public/matters/${number}/follow`;
  useEffect(() => {
    if (!me) return;
    const ctl = new AbortController();
    api(path, { schema: FollowState, signal: ctl.signal })
      .then(setState)
      .catch(() => undefined);
    return () => ctl.abort();
  }, [me, path]);
  if (!me) {
    return (
      <Link to="/login" state={{ from: loc.pathname }} data-testid="follow-login">
        <Button icon={<EyeOutlined />}>{t('pub.followCount', { n: count })}</Button>
      </Link>
    );
  }
  const toggle = async () => {
    setBusy(true);
    try {
      setState(await api(path, { method: state.following ? 'DELETE' : 'PUT', schema: FollowState }));
      markPublicChanged();
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      type={state.following ? 'default' : 'primary'}
      icon={state.following ? <EyeInvisibleOutlined /> : <EyeOutlined />}
      loading={busy}
      onClick={() => void toggle()}
      data-testid="follow-button"
      data-following={state.following}
    >
      {t(state.following ? 'pub.unfollow' : 'pub.follow')} · {state.followerCount}
    </Button>
  );
}

function CopyLink() {
  const t = useT();
  const { message } = App.useApp();
  const copy = () => {
    const url = window.location.href;
    navigator.clipboard.writeText(url).then(
      () => void message.success(t('pub.linkCopied')),
      // No clipboard (an insecure page, a refusing browser): show the address to copy by hand.
      () => void message.info(url),
    );
  };
  return (
    <Button icon={<LinkOutlined />} onClick={copy} data-testid="copy-link">
      {t('pub.copyLink')}
    </Button>
  );
}

function PostView({ m }: { m: PublicMatterT }) {
  const t = useT();
  const steps: Step[] = m.timeline.map((s, i) => ({ key: i, at: s.at, action: s.action, label: stepLabel(t, s), reply: s.reply, note: s.note, rating: s.rating }));
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="public-post" data-number={m.number} data-state={m.state}>
      <Card size="small">
        <Space wrap size={4} style={{ marginBottom: 4 }}>
          <StateTag state={m.state} testid="public-state" />
          <RatingTag rating={m.rating} />
          {m.categoryName ? <Tag>{m.categoryName}</Tag> : null}
        </Space>
        <Typography.Title level={4} style={{ margin: '4px 0' }} data-testid="public-title">
          {m.title}
        </Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="public-description">
          {m.description}
        </Typography.Paragraph>
        {m.photos.length ? (
          <Image.PreviewGroup>
            <Space wrap size={8} style={{ marginBottom: 8 }} data-testid="public-photos">
              {m.photos.map((p) => (
                <Image
                  key={p.id}
                  src={p.thumbnailUrl}
                  preview={{ src: p.url }}
                  width={96}
                  height={96}
                  style={{ objectFit: 'cover', borderRadius: 6 }}
                  alt={t('pub.photo')}
                  data-testid="public-photo"
                />
              ))}
            </Space>
          </Image.PreviewGroup>
        ) : null}
        <PostMeta m={m} />
        <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)', marginTop: 4 }}>
          {t('matter.number')} {m.number}
        </div>
      </Card>
      <Space wrap>
        <FollowButton number={m.number} count={m.followerCount} />
        <CopyLink />
        <Link to={`/public/supervise?matter=${m.number}`} data-testid="supervise-link">
          <Button icon={<SafetyCertificateOutlined />}>{t('pub.supervise')}</Button>
        </Link>
      </Space>
      <Card size="small" title={t('pub.progress')}>
        <StepTimeline steps={steps} />
      </Card>
    </Space>
  );
}

/** A public post's own page, /public/matters/{工单编号}: the address one shares. */
export default function PublicMatterPage() {
  const { number = '' } = useParams();
  const post = useAsync((signal) => api(`/api/public/matters/${encodeURIComponent(number)}`, { schema: PublicMatter, signal, noAuthRedirect: true, cache: publicCache() }), [number]);
  // Right after one's own change the server may still answer from its few-second micro-cache while
  // it refreshes: read once more a moment later, so one's rating or follow-up shows without a reload.
  const { reload } = post;
  useEffect(() => {
    if (!changedRecently()) return;
    const timer = setTimeout(reload, 2_000);
    return () => clearTimeout(timer);
  }, [number, reload]);
  return <AsyncGate state={post}>{(m) => <PostView m={m} />}</AsyncGate>;
}
