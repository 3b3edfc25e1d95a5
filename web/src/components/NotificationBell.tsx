import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Empty, List, Popover, Spin, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import dayjs from 'dayjs';
import { NotificationPage, UnreadCount, type Notification } from '@fengqiao/shared';
import { api } from '../api/client';
import { useT } from '../i18n';

/** Header bell: unread count live from the SSE stream, recent notifications in a popover. */
export function NotificationBell() {
  const t = useT();
  const nav = useNavigate();
  const [count, setCount] = useState(0);
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Notification[] | null>(null);

  useEffect(() => {
    let alive = true;
    api('/api/notifications/unread-count', { schema: UnreadCount })
      .then((c) => alive && setCount(c.count))
      .catch(() => undefined);
    if (typeof EventSource === 'undefined') return () => void (alive = false);
    // Same-origin: the session cookie goes along. EventSource reconnects by itself.
    const es = new EventSource('/api/notifications/stream');
    es.addEventListener('unread', (e) => {
      try {
        const c = UnreadCount.parse(JSON.parse((e as MessageEvent<string>).data));
        if (alive) setCount(c.count);
      } catch {
        /* ignore a malformed event */
      }
    });
    return () => {
      alive = false;
      es.close();
    };
  }, []);

  const load = useCallback(() => {
    setItems(null);
    api('/api/notifications', { query: { page: 1, pageSize: 10 }, schema: NotificationPage })
      .then((p) => setItems(p.items))
      .catch(() => setItems([]));
  }, []);

  useEffect(() => {
    if (open) load();
  }, [open, count, load]);

  const click = async (n: Notification) => {
    if (!n.readAt) {
      try {
        const c = await api(`/api/notifications/${n.id}/read`, { method: 'POST', schema: UnreadCount });
        setCount(c.count);
      } catch {
        /* navigate anyway */
      }
    }
    setOpen(false);
    if (n.link) nav(n.link);
  };

  const readAll = async () => {
    const c = await api('/api/notifications/read-all', { method: 'POST', schema: UnreadCount });
    setCount(c.count);
    load();
  };

  const content = (
    <div style={{ width: 360, maxHeight: 420, overflow: 'auto' }} data-testid="notify-list">
      {items === null ? (
        <Spin style={{ display: 'block', margin: 24 }} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notify.empty')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(n) => (
            <List.Item data-testid="notify-item" style={{ cursor: 'pointer', background: n.readAt ? undefined : '#e6f4ff', padding: '8px' }} onClick={() => void click(n)}>
              <List.Item.Meta
                title={
                  <span>
                    {!n.readAt ? <Badge status="processing" /> : null} {n.title}
                  </span>
                }
                description={
                  <>
                    <div>{n.body}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {dayjs(n.createdAt).format('MM-DD HH:mm')}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <span>{t('notify.title')}</span>
          <Button size="small" type="link" disabled={count === 0} onClick={() => void readAll()} data-testid="notify-read-all">
            {t('notify.markAll')}
          </Button>
        </div>
      }
      content={content}
    >
      <span data-testid="notify-badge" data-count={count} style={{ cursor: 'pointer' }}>
        <Badge count={count} size="small">
          <Button type="text" shape="circle" icon={<BellOutlined style={{ fontSize: 18 }} />} data-testid="notify-bell" aria-label={t('notify.title')} />
        </Badge>
      </span>
    </Popover>
  );
}
