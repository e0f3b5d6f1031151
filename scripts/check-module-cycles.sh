#!/usr/bin/env bash
# No module imports one that imports it back (issue 13): in each library crate, every file is a
# module, and a `crate::a::b`, `super::x` or declared-child `x::` path in it is an edge to the
# longest module-file prefix of that path (a re-export in a `mod.rs` counts as its edge too).
# Any cycle among those edges fails the check. The part of a file from its `#[cfg(test)]` on is
# left out: a test module is a child that may use its parent. Crate roots of binaries
# (main.rs, src/bin/) are separate crates and are left out as well.
#
#   scripts/check-module-cycles.sh [crate dir ...]   (default: the app and the three crates)
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || set -- . crates/domain crates/girocode crates/mock-backend
status=0
for dir in "$@"; do
  perl -e '
    use strict; use warnings;
    my ($dir) = @ARGV;
    my $src = "$dir/src";
    my @files = grep { !m{/src/main\.rs$} && !m{/src/bin/} }
      split /\n/, `find "$src" -name "*.rs" | sort`;
    my (%file_of, %mod_of);
    for my $f (@files) {
      (my $m = $f) =~ s{^\Q$src\E/}{};
      $m =~ s{\.rs$}{}; $m =~ s{(^|/)(mod|lib)$}{};
      $m = $m eq "" ? "crate" : "crate::" . join("::", split m{/}, $m);
      $file_of{$m} = $f; $mod_of{$f} = $m;
    }
    my %edges;
    for my $f (@files) {
      my $m = $mod_of{$f};
      open my $fh, "<", $f or die "$f: $!";
      my $text = "";
      while (my $line = <$fh>) {
        last if $line =~ /^\s*#\[cfg\(test\)\]/;
        $line =~ s{//.*$}{};
        $text .= $line;
      }
      close $fh;
      # Children this file declares: `mod x;` / `pub mod x;` / `pub(crate) mod x;`.
      my @children = $text =~ /^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+([a-z_][a-z0-9_]*)\s*;/mg;
      # One level of braces: `super::{a, b::c}` -> `super::a`, `super::b::c`.
      my $child_re = @children ? join("|", @children) : "(?!)";
      while ($text =~ /(?<![:\w])((?:crate|super|self|$child_re)(?:::\w+)*)::\{([^{}]*)\}/) {
        my ($p, $inner) = ($1, $2);
        my $expanded = join " ", map { my $s = $_; $s =~ s/^\s+|\s+$//g; "${p}::$s" }
          grep { /\S/ } split /,/, $inner;
        $text =~ s/\b\Q$p\E::\{\Q$inner\E\}/$expanded/;
      }
      while ($text =~ /(?<![:\w])((?:crate|super|self|$child_re)(?:::\w+)+)/g) {
        my @parts = split /::/, $1;
        my @abs;
        my @here = split /::/, $m;
        if ($parts[0] eq "crate") { @abs = ("crate"); shift @parts }
        else {
          @abs = @here;
          while (@parts && $parts[0] =~ /^(super|self)$/) {
            pop @abs if shift(@parts) eq "super";
          }
        }
        my $target = join "::", @abs;
        for my $p (@parts) {
          last unless exists $file_of{"${target}::$p"};
          $target = "${target}::$p";
        }
        $edges{$m}{$target} = 1 if $target ne $m && exists $file_of{$target};
      }
    }
    # Depth-first search; a back edge is a cycle.
    my (%state, @stack, @cycles);
    my $visit; $visit = sub {
      my ($n) = @_;
      $state{$n} = 1; push @stack, $n;
      for my $t (sort keys %{ $edges{$n} || {} }) {
        if (($state{$t} // 0) == 1) {
          my @c; for (my $i = $#stack; $i >= 0; $i--) { unshift @c, $stack[$i]; last if $stack[$i] eq $t }
          push @cycles, join(" -> ", @c, $t);
        } elsif (!$state{$t}) { $visit->($t) }
      }
      pop @stack; $state{$n} = 2;
    };
    $visit->($_) for sort keys %file_of;
    if (@cycles) {
      print "$dir: module cycle: $_\n" for @cycles;
      exit 1;
    }
    printf "%s: no module cycles among %d modules\n", $dir, scalar keys %file_of;
  ' "$dir" || status=1
done
exit $status
