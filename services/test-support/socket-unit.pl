#!/usr/bin/perl
# Plays a systemd socket unit for tests: holds a listening socket on 127.0.0.1:PORT without ever
# accepting on it, and runs one release at a time with it as fd 3 (BC_LISTEN_FD=3).
# stdin: "start" starts the command given as arguments; "stop" SIGTERMs it, waits, prints its exit.
use strict;
use warnings;
use IO::Socket::INET;
use POSIX qw(dup2);
$| = 1;
$^F = 10; # fds up to 10 stay open across exec, so the socket reaches the release
my $port = shift @ARGV;
my $sock = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => $port, Listen => 1024, ReuseAddr => 1) or die "listen: $!";
my $child = 0;
print "listening\n";
while (my $line = <STDIN>) {
  chomp $line;
  if ($line eq 'start') {
    $child = fork();
    if ($child == 0) {
      dup2(fileno($sock), 3) or die "dup2: $!";
      $ENV{BC_LISTEN_FD} = '3';
      exec @ARGV or die "exec: $!";
    }
    print "started $child\n";
  } elsif ($line eq 'stop' && $child) {
    kill 'TERM', $child;
    waitpid($child, 0);
    print 'stopped ', ($? >> 8), "\n";
    $child = 0;
  }
}
kill 'TERM', $child if $child;
