import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router';
import { ensureViewer, session } from '@/state/session';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean;
    title?: string;
    /** Which entry of the navigation is lit. */
    tab?: 'home' | 'households' | 'students' | 'me' | 'coverage' | 'dropout' | 'agreements' | 'progress' | 'staff' | 'imports' | 'audit' | 'problems';
    /** On phones, for pages without a tab of their own: the tab they are reached from. */
    phoneTab?: 'home' | 'me';
  }
}

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { public: true, title: '登录' } },
    { path: '/', name: 'home', component: () => import('./views/HomeView.vue'), meta: { title: '首页', tab: 'home' } },
    { path: '/households', name: 'households', component: () => import('./views/HouseholdsView.vue'), meta: { title: '户', tab: 'households' } },
    { path: '/households/new', name: 'household-new', component: () => import('./views/HouseholdFormView.vue'), meta: { title: '新增户', tab: 'households' } },
    { path: '/households/:id/edit', name: 'household-edit', component: () => import('./views/HouseholdFormView.vue'), meta: { title: '修改户信息', tab: 'households' } },
    { path: '/households/:id', name: 'household', component: () => import('./views/HouseholdView.vue'), meta: { title: '户详情', tab: 'households' } },
    { path: '/students', name: 'students', component: () => import('./views/StudentsView.vue'), meta: { title: '学生', tab: 'students' } },
    { path: '/students/new', name: 'student-new', component: () => import('./views/StudentFormView.vue'), meta: { title: '添加学生', tab: 'students' } },
    { path: '/students/:id/edit', name: 'student-edit', component: () => import('./views/StudentFormView.vue'), meta: { title: '修改学生信息', tab: 'students' } },
    { path: '/students/:id', name: 'student', component: () => import('./views/StudentView.vue'), meta: { title: '学生详情', tab: 'students' } },
    {
      path: '/households/:id/contact',
      name: 'contact',
      component: () => import('./views/ContactFormView.vue'),
      meta: { title: '记录联系', tab: 'households' },
    },
    { path: '/me', name: 'me', component: () => import('./views/MeView.vue'), meta: { title: '我的', tab: 'me' } },
    { path: '/me/password', name: 'password', component: () => import('./views/PasswordView.vue'), meta: { title: '修改密码', tab: 'me' } },
    { path: '/staff', name: 'staff', component: () => import('./views/StaffView.vue'), meta: { title: '人员', tab: 'staff', phoneTab: 'me' } },
    { path: '/staff/:id', name: 'staff-person', component: () => import('./views/StaffPersonView.vue'), meta: { title: '人员详情', tab: 'staff', phoneTab: 'me' } },
    { path: '/coverage', name: 'coverage', component: () => import('./views/CoverageView.vue'), meta: { title: '覆盖情况', tab: 'coverage', phoneTab: 'home' } },
    { path: '/dropout', name: 'dropout', component: () => import('./views/DropoutView.vue'), meta: { title: '控辍保学', tab: 'dropout', phoneTab: 'home' } },
    {
      path: '/dropout/cases/:id',
      name: 'dropout-case',
      component: () => import('./views/DropoutCaseView.vue'),
      meta: { title: '辍学案例', tab: 'dropout', phoneTab: 'home' },
    },
    {
      path: '/dropout/absences/:id',
      name: 'absence-report',
      component: () => import('./views/AbsenceReportView.vue'),
      meta: { title: '缺勤报告', tab: 'dropout', phoneTab: 'home' },
    },
    { path: '/villages/:id', name: 'village', component: () => import('./views/VillageView.vue'), meta: { title: '村档案', tab: 'coverage', phoneTab: 'home' } },
    { path: '/my/agreements', name: 'agreements', component: () => import('./views/AgreementsView.vue'), meta: { title: '我的责任书', tab: 'agreements', phoneTab: 'me' } },
    {
      path: '/signing',
      name: 'agreement-progress',
      component: () => import('./views/AgreementProgressView.vue'),
      meta: { title: '责任书签订进度', tab: 'progress', phoneTab: 'home' },
    },
    {
      path: '/signing/templates',
      name: 'agreement-templates',
      component: () => import('./views/TemplatesView.vue'),
      meta: { title: '责任书模板', tab: 'progress', phoneTab: 'home' },
    },
    { path: '/compare', name: 'compare', component: () => import('./views/CompareView.vue'), meta: { title: '双向比对', tab: 'imports', phoneTab: 'me' } },
    { path: '/problems', name: 'problems', component: () => import('./views/ProblemsView.vue'), meta: { title: '问题清单', tab: 'problems', phoneTab: 'me' } },
    { path: '/problems/new', name: 'problem-new', component: () => import('./views/ProblemNewView.vue'), meta: { title: '登记问题', tab: 'problems', phoneTab: 'me' } },
    { path: '/inspections', name: 'inspections', component: () => import('./views/InspectionsView.vue'), meta: { title: '抽查', tab: 'problems', phoneTab: 'me' } },
    { path: '/problems/:id', name: 'problem', component: () => import('./views/ProblemView.vue'), meta: { title: '问题详情', tab: 'problems', phoneTab: 'me' } },
    { path: '/audit', name: 'audit', component: () => import('./views/AuditView.vue'), meta: { title: '审计日志', tab: 'audit', phoneTab: 'me' } },
    { path: '/aid/policies', name: 'aid-policies', component: () => import('./views/AidPoliciesView.vue'), meta: { title: '资助政策', tab: 'students', phoneTab: 'me' } },
    { path: '/import', name: 'imports', component: () => import('./views/ImportView.vue'), meta: { title: '导入', tab: 'imports', phoneTab: 'me' } },
    { path: '/my/agreements/:id', name: 'agreement', component: () => import('./views/AgreementView.vue'), meta: { title: '责任书', tab: 'agreements', phoneTab: 'me' } },
    { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue'), meta: { public: true, title: '页面不存在' } },
  ],
  scrollBehavior(_to, _from, saved) {
    return saved ?? { top: 0 };
  },
});

router.beforeEach(async (to: RouteLocationNormalized) => {
  if (to.meta.public) {
    if (to.name === 'login' && (await ensureViewer())) return { path: safeRedirect(to.query.redirect) };
    return true;
  }
  const v = await ensureViewer();
  // A one-time password is changed before anything else.
  if (v?.mustChangePassword && to.name !== 'password') return { name: 'password' };
  if (v) return true;
  return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
});

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} · 三包联系` : '三包联系';
});

/** Only paths inside the app, never another site. */
export function safeRedirect(r: unknown): string {
  const s = Array.isArray(r) ? r[0] : r;
  return typeof s === 'string' && s.startsWith('/') && !s.startsWith('//') ? s : '/';
}

/** The server wants a one-time password changed first. */
export function toPasswordChange(): void {
  if (session.viewer) session.viewer.mustChangePassword = true;
  if (router.currentRoute.value.name !== 'password') void router.replace({ name: 'password' });
}

/** The server ended the session: say so on the login page. */
export function toLogin(): void {
  const cur = router.currentRoute.value;
  if (cur.name === 'login') return;
  void router.replace({ name: 'login', query: cur.meta.public ? {} : { redirect: cur.fullPath } });
}

export { session };
