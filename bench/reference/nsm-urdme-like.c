/* A Next Subvolume Method in C with the structure of URDME's NSM core, for benchmark N1 only:
 * a same-machine, same-hour baseline for rdsim's NSM figures (bench/nsm-vs-reference). Not part
 * of rdsim and not URDME's code: written for this comparison, after URDME's published design.
 *
 * As in URDME: per-voxel reaction rates through propensity function pointers and a dependency
 * graph; diffusion through a sparse (CSC) diffusion matrix whose diagonal gives each species'
 * leave rate and whose column entries give the destinations; a binary heap of voxel event
 * times; drand48; exponentials by -log; the receiving voxel's time rescaled (Gibson-Bruck).
 *
 * Usage: nsm-urdme-like L T [REPS]   (L^3 periodic voxels, N1 to time T; prints events/s) */
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <time.h>

typedef double (*PropensityFun)(const int *x, double t, double vol, const double *data, int sd);
static double fbind(const int *x, double t, double vol, const double *d, int sd) { return x[0] * x[1] / vol; }
static double funbind(const int *x, double t, double vol, const double *d, int sd) { return x[2]; }

#define M 3          /* species */
#define R 2          /* reactions */
static int L, Ncells;
static int *xx; static double *rrate, *srrate, *sdrate, *times; static int *heap, *node;
static size_t *jcD, *irD; static double *prD;   /* CSC diffusion matrix (Ncells*M)^2 */
static const int Nst[R][M] = {{-1, -1, 1}, {1, 1, -1}};
static PropensityFun rfun[R] = {fbind, funbind};
/* dependency graph: reactions to update when species s changes */
static const int Gdep[M][R] = {{1, 0}, {1, 0}, {0, 1}};

static void swapn(int a, int b) { int t = heap[a]; heap[a] = heap[b]; heap[b] = t; node[heap[a]] = a; node[heap[b]] = b; }
static void up(int i) { while (i > 0) { int p = (i - 1) / 2; if (times[heap[p]] <= times[heap[i]]) break; swapn(i, p); i = p; } }
static void down(int i) { int n = Ncells; for (;;) { int l = 2 * i + 1, r = l + 1, m = i;
    if (l < n && times[heap[l]] < times[heap[m]]) m = l; if (r < n && times[heap[r]] < times[heap[m]]) m = r;
    if (m == i) break; swapn(i, m); i = m; } }
static void update(int v) { up(node[v]); down(node[v]); }

static int nb(int v, int k) { int x = v % L, y = (v / L) % L, z = v / (L * L);
  switch (k) { case 0: x = (x + L - 1) % L; break; case 1: x = (x + 1) % L; break; case 2: y = (y + L - 1) % L; break;
    case 3: y = (y + 1) % L; break; case 4: z = (z + L - 1) % L; break; default: z = (z + 1) % L; }
  return x + L * (y + L * z); }

int main(int argc, char **argv) {
  L = atoi(argv[1]); double tend = atof(argv[2]); int reps = argc > 3 ? atoi(argv[3]) : 3;
  Ncells = L * L * L; int Ndofs = Ncells * M;
  xx = malloc(sizeof(int) * Ndofs); rrate = malloc(sizeof(double) * Ncells * R); srrate = malloc(sizeof(double) * Ncells);
  sdrate = malloc(sizeof(double) * Ncells); times = malloc(sizeof(double) * Ncells); heap = malloc(sizeof(int) * Ncells); node = malloc(sizeof(int) * Ncells);
  jcD = malloc(sizeof(size_t) * (Ndofs + 1)); irD = malloc(sizeof(size_t) * Ndofs * 7); prD = malloc(sizeof(double) * Ndofs * 7);
  size_t nz = 0; /* column dof = v*M+s: diagonal -6D then 6 neighbours D (D = 1, dx = 1) */
  for (int v = 0; v < Ncells; v++) for (int s = 0; s < M; s++) { jcD[v * M + s] = nz; irD[nz] = v * M + s; prD[nz++] = -6.0;
      for (int k = 0; k < 6; k++) { irD[nz] = nb(v, k) * M + s; prD[nz++] = 1.0; } }
  jcD[Ndofs] = nz;
  for (int rep = 0; rep < reps; rep++) {
    srand48(rep + 1); double vol = 1.0; long events = 0;
    for (int v = 0; v < Ncells; v++) { /* exactly 10 A and 10 B per voxel, as N1 (binding-3d.yaml) */
      xx[v * M] = 10; xx[v * M + 1] = 10; xx[v * M + 2] = 0; }
    for (int v = 0; v < Ncells; v++) { srrate[v] = 0; for (int j = 0; j < R; j++) { rrate[v * R + j] = rfun[j](&xx[v * M], 0, vol, NULL, 1); srrate[v] += rrate[v * R + j]; }
      sdrate[v] = 0; for (int s = 0; s < M; s++) sdrate[v] += -prD[jcD[v * M + s]] * xx[v * M + s];
      double tot = srrate[v] + sdrate[v]; times[v] = tot > 0 ? -log(1.0 - drand48()) / tot : INFINITY; heap[v] = v; node[v] = v; }
    for (int i = Ncells / 2 - 1; i >= 0; i--) down(i);
    clock_t c0 = clock();
    for (;;) {
      int sv = heap[0]; double tt = times[sv]; if (tt >= tend) break; events++;
      double tot = srrate[sv] + sdrate[sv]; double cum = drand48() * tot;
      if (cum < srrate[sv]) {
        int re = 0; double acc = rrate[sv * R]; while (re < R - 1 && cum > acc) acc += rrate[sv * R + ++re];
        for (int s = 0; s < M; s++) xx[sv * M + s] += Nst[re][s];
        for (int s = 0; s < M; s++) if (Nst[re][s]) { sdrate[sv] += -prD[jcD[sv * M + s]] * Nst[re][s]; }
        for (int j = 0; j < R; j++) { int dep = 0; for (int s = 0; s < M; s++) if (Nst[re][s] && Gdep[s][j]) dep = 1;
          if (dep) { double o = rrate[sv * R + j]; rrate[sv * R + j] = rfun[j](&xx[sv * M], tt, vol, NULL, 1); srrate[sv] += rrate[sv * R + j] - o; } }
        tot = srrate[sv] + sdrate[sv]; times[sv] = tot > 0 ? tt - log(1.0 - drand48()) / tot : INFINITY; update(sv);
      } else {
        cum -= srrate[sv]; int s = 0; double acc = 0;
        for (s = 0; s < M; s++) { acc += -prD[jcD[sv * M + s]] * xx[sv * M + s]; if (cum < acc) break; }
        if (s == M) s = M - 1;
        cum -= acc - (-prD[jcD[sv * M + s]] * xx[sv * M + s]);
        int col = sv * M + s; double c2 = 0; size_t i; int to = -1;
        for (i = jcD[col] + 1; i < jcD[col + 1]; i++) { c2 += prD[i] * xx[col]; if (cum < c2) break; }
        if (i == jcD[col + 1]) i--;
        to = irD[i] / M;
        xx[col]--; xx[irD[i]]++;
        sdrate[sv] -= -prD[jcD[col]]; double oldto = srrate[to] + sdrate[to]; sdrate[to] += -prD[jcD[irD[i]]];
        for (int j = 0; j < R; j++) if (Gdep[s][j]) {
          double o = rrate[sv * R + j]; rrate[sv * R + j] = rfun[j](&xx[sv * M], tt, vol, NULL, 1); srrate[sv] += rrate[sv * R + j] - o;
          o = rrate[to * R + j]; rrate[to * R + j] = rfun[j](&xx[to * M], tt, vol, NULL, 1); srrate[to] += rrate[to * R + j] - o; }
        tot = srrate[sv] + sdrate[sv]; times[sv] = tot > 0 ? tt - log(1.0 - drand48()) / tot : INFINITY; update(sv);
        double newto = srrate[to] + sdrate[to];
        if (times[to] < INFINITY && oldto > 0 && newto > 0) times[to] = oldto / newto * (times[to] - tt) + tt;
        else times[to] = newto > 0 ? tt - log(1.0 - drand48()) / newto : INFINITY;
        update(to);
      }
    }
    double sec = (double) (clock() - c0) / CLOCKS_PER_SEC;
    printf("L=%d events %ld  %.2f M/s\n", L, events, events / sec / 1e6);
  }
  return 0;
}
