/*
 * link_par.c - a minimal parallel-for for the linkage engine.
 *
 * Work is cut into numbered tasks (chunks of rows, of random pairs, of
 * rules); threads take the next task number from an atomic counter until
 * none is left.  Each task writes only its own slice of the output, so
 * the result is the same whichever thread ran which task, and for any
 * number of threads.
 *
 * Workload: a handful of parallel phases per job, each of a few hundred
 * to a few thousand tasks.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "link_int.h"

typedef struct par_job {
    link_task_fn fn;
    void *ctx;
    size_t ntasks;
    atomic_size_t next;
} par_job;

typedef struct par_worker {
    par_job *job;
    int id;
} par_worker;

static void run_tasks(par_job *j, int worker)
{
    for (;;) {
        size_t t = atomic_fetch_add(&j->next, 1);
        if (t >= j->ntasks)
            break;
        j->fn(j->ctx, t, worker);
    }
}

static void *worker_main(void *arg)
{
    par_worker *w = arg;

    run_tasks(w->job, w->id);
    return NULL;
}

int link_parallel(int threads, size_t ntasks, link_task_fn fn, void *ctx)
{
    par_job job;
    pthread_t *tid;
    par_worker *w;
    int started = 0;

    job.fn = fn;
    job.ctx = ctx;
    job.ntasks = ntasks;
    atomic_init(&job.next, 0);
    if (threads > 1 && (size_t)threads > ntasks)
        threads = ntasks > 1 ? (int)ntasks : 1;
    if (threads <= 1) {
        run_tasks(&job, 0);
        return 0;
    }
    tid = malloc((size_t)threads * sizeof *tid);
    w = malloc((size_t)threads * sizeof *w);
    if (!tid || !w) {
        free(tid);
        free(w);
        run_tasks(&job, 0);
        return SC_ENOMEM;
    }
    /* Worker 0 is the calling thread. */
    for (int i = 1; i < threads; i++) {
        w[i].job = &job;
        w[i].id = i;
        if (pthread_create(&tid[i], NULL, worker_main, &w[i]) != 0)
            break;
        started = i;
    }
    run_tasks(&job, 0);
    /* If threads failed to start, fewer workers did all the work: the
     * result is the same. */
    for (int i = 1; i <= started; i++)
        pthread_join(tid[i], NULL);
    free(tid);
    free(w);
    return 0;
}
