/*
 * hello.c - the smallest glibc program: printf and return 0.
 *
 * Static glibc's start-up code makes a handful of system calls before
 * main (set_thread_area, brk, uname or similar), so this checks that the
 * kernel is Linux-compatible enough for an ordinary C program.
 */
#include <stdio.h>

int main(void)
{
    printf("hello, world\n");
    return 0;
}
