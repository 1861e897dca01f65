// Who may do what, as the server's handlers check it (src/routes/): the pages offer only what
// the signed-in user (`null` when nobody is) may do. Hiding a button protects nothing: the
// server checks every request again, and answers 401 or 403.
export const may = {
  production: {
    list: () => true,
    show: () => true,
    create: (user) => user?.role === 'admin',
    update: (user, production) => user?.id === production.user_id || user?.role === 'admin',
    delete: (user) => user?.role === 'admin',
  },
  castMember: {
    list: () => true,
    show: () => true,
    create: (user) => user !== null,
    update: (user, castMember) => user?.id === castMember.user_id,
    delete: (user, castMember) => user?.id === castMember.user_id || user?.role === 'admin',
  },
}
