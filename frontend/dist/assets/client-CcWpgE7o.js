import{W as e}from"./vue-Bsd9_6VW.js";var t=class extends String{constructor(e,t){super(e),this.value=e,this.__meta__=t}toString(){return this.value}},n=new t(`
    query AreaOverview {
  households: households(first: 0) {
    totalCount
  }
  registered: households(first: 0, where: {statusIn: [NOT_LIFTED, LIFTED]}) {
    totalCount
  }
  notLifted: households(first: 0, where: {status: NOT_LIFTED}) {
    totalCount
  }
  lifted: households(first: 0, where: {status: LIFTED}) {
    totalCount
  }
  marginal: households(first: 0, where: {status: MARGINAL}) {
    totalCount
  }
  hardship: households(first: 0, where: {status: HARDSHIP}) {
    totalCount
  }
  students: students(first: 0) {
    totalCount
  }
  preschool: students(first: 0, where: {stage: PRESCHOOL}) {
    totalCount
  }
  primary: students(first: 0, where: {stage: PRIMARY}) {
    totalCount
  }
  junior: students(first: 0, where: {stage: JUNIOR}) {
    totalCount
  }
  senior: students(first: 0, where: {stage: SENIOR}) {
    totalCount
  }
  vocational: students(first: 0, where: {stage: VOCATIONAL}) {
    totalCount
  }
  higher: students(first: 0, where: {stage: HIGHER}) {
    totalCount
  }
  dropout: students(first: 0, where: {enrollmentStatus: DROPOUT}) {
    totalCount
  }
  suspectedDropout: students(
    first: 0
    where: {enrollmentStatus: SUSPECTED_DROPOUT}
  ) {
    totalCount
  }
  outside: students(
    first: 0
    where: {schoolIDIsNil: true, outsideSchoolNameNotNil: true}
  ) {
    totalCount
  }
}
    `),r=new t(`
    query SchoolOrgs($ids: [ID!]!) {
  orgs(first: 20, where: {idIn: $ids}) {
    edges {
      node {
        id
        name
        isCentral
        schoolType
        divisionCode
        division {
          id
          name
          code
          level
        }
      }
    }
  }
}
    `),i=new t(`
    query SchoolStats($schoolID: ID!) {
  students: students(first: 0, where: {schoolID: $schoolID}) {
    totalCount
  }
  enrolled: students(
    first: 0
    where: {schoolID: $schoolID, enrollmentStatus: ENROLLED}
  ) {
    totalCount
  }
  dropout: students(
    first: 0
    where: {schoolID: $schoolID, enrollmentStatus: DROPOUT}
  ) {
    totalCount
  }
  suspectedDropout: students(
    first: 0
    where: {schoolID: $schoolID, enrollmentStatus: SUSPECTED_DROPOUT}
  ) {
    totalCount
  }
  suspended: students(
    first: 0
    where: {schoolID: $schoolID, enrollmentStatus: SUSPENDED}
  ) {
    totalCount
  }
  boarding: students(first: 0, where: {schoolID: $schoolID, boarding: true}) {
    totalCount
  }
  leftBehind: students(first: 0, where: {schoolID: $schoolID, leftBehind: true}) {
    totalCount
  }
  disabled: students(first: 0, where: {schoolID: $schoolID, disabled: true}) {
    totalCount
  }
}
    `),a=new t(`
    query TownshipStats($code: String!) {
  households: households(first: 0, divisionCode: $code) {
    totalCount
  }
  registered: households(
    first: 0
    divisionCode: $code
    where: {statusIn: [NOT_LIFTED, LIFTED]}
  ) {
    totalCount
  }
  notLifted: households(
    first: 0
    divisionCode: $code
    where: {status: NOT_LIFTED}
  ) {
    totalCount
  }
  marginal: households(first: 0, divisionCode: $code, where: {status: MARGINAL}) {
    totalCount
  }
  hardship: households(first: 0, divisionCode: $code, where: {status: HARDSHIP}) {
    totalCount
  }
  students: students(first: 0, divisionCode: $code) {
    totalCount
  }
  dropout: students(
    first: 0
    divisionCode: $code
    where: {enrollmentStatus: DROPOUT}
  ) {
    totalCount
  }
  suspectedDropout: students(
    first: 0
    divisionCode: $code
    where: {enrollmentStatus: SUSPECTED_DROPOUT}
  ) {
    totalCount
  }
}
    `),o=new t(`
    query MyFamilies {
  households(first: 20, orderBy: {field: HEAD_NAME, direction: ASC}) {
    totalCount
    edges {
      node {
        id
        number
        headName
        status
        dibao
        tekun
        disabled
        phone
        village {
          id
          name
        }
        students {
          id
        }
      }
    }
  }
  students(first: 0) {
    totalCount
  }
}
    `),s=new t(`
    query Households($first: Int!, $after: Cursor, $where: HouseholdWhereInput, $search: String, $divisionCode: String) {
  households(
    first: $first
    after: $after
    where: $where
    search: $search
    divisionCode: $divisionCode
    orderBy: {field: NUMBER, direction: ASC}
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        number
        headName
        status
        dibao
        tekun
        disabled
        phone
        village {
          id
          name
        }
        students {
          id
        }
      }
    }
  }
}
    `),c=new t(`
    query Household($id: ID!) {
  node(id: $id) {
    ... on Household {
      id
      number
      headName
      status
      registered
      dibao
      tekun
      disabled
      size
      phone
      address
      updatedAt
      village {
        id
        name
        code
        parent {
          id
          name
        }
      }
      students {
        id
        name
        gender
        age
        stage
        grade
        className
        enrollmentStatus
        boarding
        disabled
        leftBehind
        migrant
        ethnicMinority
        outsideSchoolName
        school {
          id
          name
        }
      }
    }
  }
}
    `),l=new t(`
    mutation Login($phone: String!, $password: String!) {
  login(phone: $phone, password: $password) {
    expiresAt
    viewer {
      person {
        id
      }
    }
  }
}
    `),u=new t(`
    mutation Logout {
  logout
}
    `),d=new t(`
    query Students($first: Int!, $after: Cursor, $where: StudentWhereInput, $search: String, $divisionCode: String) {
  students(
    first: $first
    after: $after
    where: $where
    search: $search
    divisionCode: $divisionCode
    orderBy: {field: NAME, direction: ASC}
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        name
        gender
        age
        stage
        grade
        className
        enrollmentStatus
        boarding
        disabled
        leftBehind
        migrant
        ethnicMinority
        outsideSchoolName
        school {
          id
          name
        }
        household {
          id
          village {
            id
            name
          }
        }
      }
    }
  }
}
    `),f=new t(`
    query Student($id: ID!) {
  node(id: $id) {
    ... on Student {
      id
      name
      gender
      age
      idNumber
      stage
      grade
      className
      enrollmentStatus
      boarding
      disabled
      leftBehind
      migrant
      ethnicMinority
      villageCode
      schoolID
      outsideSchoolName
      outsideDivision {
        id
        name
      }
      school {
        id
        name
        divisionCode
      }
      updatedAt
      household {
        id
        number
        headName
        status
        phone
        address
        village {
          id
          name
          parent {
            id
            name
          }
        }
      }
    }
  }
}
    `),p=new t(`
    query RevealIdNumber($id: ID!) {
  students(first: 1, where: {id: $id}) {
    edges {
      node {
        id
        idNumber(full: true)
      }
    }
  }
}
    `),m=new t(`
    query Viewer {
  viewer {
    name
    person {
      id
      name
      phone
      positions {
        id
        role
        grade
        className
        org {
          id
          name
          kind
          isCentral
          divisionCode
          division {
            id
            name
            code
            level
          }
        }
      }
    }
    roles {
      key
      label
    }
    permissions {
      object
      action
      all
      assigned
      villageRanges {
        from
        to
      }
      schoolRanges {
        from
        to
      }
      schoolIDs
    }
  }
}
    `),h=`sanbao`,g=1,_=`queries`,v=`outbox`,y=null;function b(){return y||(y=new Promise((e,t)=>{if(typeof indexedDB>`u`){t(Error(`此浏览器不支持离线存储(IndexedDB)`));return}let n=indexedDB.open(h,g);n.onupgradeneeded=()=>{let e=n.result;e.objectStoreNames.contains(`queries`)||e.createObjectStore(_,{keyPath:`key`}),e.objectStoreNames.contains(`outbox`)||e.createObjectStore(v,{keyPath:`id`})},n.onsuccess=()=>{let t=n.result;t.onversionchange=()=>{t.close(),y=null},e(t)},n.onerror=()=>t(n.error??Error(`无法打开离线存储`)),n.onblocked=()=>t(Error(`离线存储被其他页面占用,请关闭其他页面后重试`))}).catch(e=>{throw y=null,e}),y)}async function x(e,t,n){let r=await b();return new Promise((i,a)=>{let o=r.transaction(e,t),s,c=n(o.objectStore(e));c&&(c.onsuccess=()=>s=c.result),o.oncomplete=()=>i(s),o.onerror=()=>a(o.error??Error(`离线存储写入失败`)),o.onabort=()=>a(o.error??Error(`离线存储写入被中止`))})}var S=5184e6;async function C(e){try{return await x(_,`readonly`,t=>t.get(e))}catch{return}}async function w(e,t,n=Date.now()){try{await x(_,`readwrite`,r=>r.put({key:e,data:t,fetchedAt:n}))}catch{}}async function T(){try{await x(_,`readwrite`,e=>e.clear())}catch{}}async function E(e=S,t=Date.now()){try{let n=(await x(`queries`,`readonly`,e=>e.getAll())??[]).filter(n=>t-n.fetchedAt>e);return n.length&&await x(_,`readwrite`,e=>n.forEach(t=>e.delete(t.key))),n.length}catch{return 0}}var D=e(typeof navigator>`u`||navigator.onLine!==!1),O=new Set,k=null,A=2e4;function j(e){return O.add(e),()=>O.delete(e)}function M(){if((typeof navigator>`u`||navigator.onLine!==!1)&&(k&&(clearTimeout(k),k=null),!D.value)){D.value=!0;for(let e of O)e()}}function N(){D.value=!1,P()}function P(){k||typeof window>`u`||(k=setTimeout(async()=>{if(k=null,!D.value&&navigator.onLine!==!1){try{if((await fetch(`/healthz`,{cache:`no-store`})).ok)return M()}catch{}P()}},A))}function F(e=window){e.addEventListener(`online`,()=>M()),e.addEventListener(`offline`,()=>N())}var I=class extends Error{constructor(e,t,n=null){super(e),this.name=`ApiError`,this.code=t,this.field=n}},L=class extends Error{constructor(e=`网络不可用,请检查网络后重试`){super(e),this.name=`NetworkError`}},R=new Set([`BAD_USER_INPUT`,`BAD_REQUEST`,`FORBIDDEN`,`NOT_FOUND`,`CONFLICT`,`GRAPHQL_VALIDATION_FAILED`,`GRAPHQL_PARSE_FAILED`,`REQUEST_TOO_LARGE`,`DEPTH_LIMIT_EXCEEDED`,`ALIAS_LIMIT_EXCEEDED`,`COMPLEXITY_LIMIT_EXCEEDED`]);function z(e){return e instanceof I&&R.has(e.code)}function B(e){return e instanceof L||e instanceof I&&(e.code===`UNAUTHENTICATED`||e.code===`TOO_MANY_REQUESTS`)}function V(e){return e instanceof Error&&e.message?e.message:`出错了,请稍后再试`}var H=`/graphql`,U=2e4,W=null;function G(e){W=e}function K(e){var t;return(t=/\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(e))==null?void 0:t[1]}function q(e){if(e===void 0)return`null`;if(typeof e!=`object`||!e)return JSON.stringify(e);if(Array.isArray(e))return`[${e.map(q).join(`,`)}]`;let t=e;return`{${Object.keys(t).filter(e=>t[e]!==void 0).sort().map(e=>`${JSON.stringify(e)}:${q(t[e])}`).join(`,`)}}`}function J(e){let t=2166136261;for(let n=0;n<e.length;n++)t^=e.charCodeAt(n),t=Math.imul(t,16777619);return(t>>>0).toString(36)}function Y(e,t){return`${K(e)??`query`}:${J(e)}:${q(t??{})}`}async function X(e,t,n){var r;let i=new AbortController,a=setTimeout(()=>i.abort(),n.timeoutMs??U),o=()=>i.abort();(r=n.signal)==null||r.addEventListener(`abort`,o);try{let r;try{r=await fetch(H,{method:`POST`,credentials:`same-origin`,headers:{"Content-Type":`application/json`,Accept:`application/json`},body:JSON.stringify({query:e,variables:t??{},operationName:K(e)}),signal:i.signal})}catch(e){var s;throw(s=n.signal)!=null&&s.aborted?e:(N(),new L)}if(r.status===502||r.status===503||r.status===504)throw new L(`服务器暂时无法访问,请稍后再试`);let a;try{a=await r.json()}catch(e){throw e instanceof SyntaxError?new I(`服务器返回了无法识别的内容(HTTP ${r.status})`,`BAD_RESPONSE`):(N(),new L)}return M(),a}finally{var c;clearTimeout(a),(c=n.signal)==null||c.removeEventListener(`abort`,o)}}function Z(e,t){var n;let r=(n=e.errors)==null?void 0:n[0];if(r){var i,a;let e=new I(r.message||`出错了,请稍后再试`,((i=r.extensions)==null?void 0:i.code)??`INTERNAL`,((a=r.extensions)==null?void 0:a.field)??null);throw e.code===`UNAUTHENTICATED`&&t.sessionCheck!==!1&&(W==null||W(e.message)),e}if(e.data==null)throw new I(`服务器没有返回数据`,`BAD_RESPONSE`);return e.data}async function Q(e,t,n={}){let r=e.toString(),i=n.cache!==!1,a=Y(r,t),o;try{o=await X(r,t,n)}catch(e){if(e instanceof L&&i){let e=await C(a);if(e)return{data:e.data,stale:!0,fetchedAt:e.fetchedAt}}throw e}let s=Z(o,n),c=Date.now();return i&&await w(a,s,c),{data:s,stale:!1,fetchedAt:c}}async function $(e,t,n={}){return Z(await X(e.toString(),t,n),n)}export{r as C,a as D,d as E,m as O,p as S,f as T,c as _,L as a,u as b,z as c,F as d,T as f,n as g,x as h,I as i,j as l,v as m,Q as n,V as o,E as p,G as r,B as s,$ as t,D as u,s as v,i as w,o as x,l as y};